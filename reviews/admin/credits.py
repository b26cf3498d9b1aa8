"""A credit's person chosen from the list or added by name, in the row, without a pop-up.

The person's autocomplete offers "Add “Emma Stone” as a new person" after its matches
(``static/js/person_by_name.js``); that choice posts ``new:Emma Stone``. The form takes it
as the person of that name: the one whose address it would have (as the film importer
does), or a new person made when the film is saved.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from reviews.importing.normalising import person_slug
from reviews.models import Credit, Person

#: How a new person's name is posted in place of a person's id.
NEW_PERSON = "new:"
NAME_LENGTH = Person._meta.get_field("name").max_length


class PersonAutocomplete(AutocompleteSelect):
    """The admin's autocomplete, which also shows a person named but not yet saved."""

    def build_attrs(self, base_attrs: dict, extra_attrs: dict | None = None) -> dict:
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-new-person"] = NEW_PERSON
        return attrs

    def optgroups(self, name: str, value: list, attr: dict | None = None) -> list:
        named = [v for v in value if str(v).startswith(NEW_PERSON)]
        chosen = [v for v in value if not str(v).startswith(NEW_PERSON)]
        groups = super().optgroups(name, chosen, attr)
        for index, new in enumerate(named, start=len(groups)):
            label = f"{new[len(NEW_PERSON) :]} (new)"
            option = self.create_option(name, new, label, True, index)
            groups.append((None, [option], index))
        return groups

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=["js/person_by_name.js"])


class PersonOrNewField(forms.ModelChoiceField):
    """A person from the list, or ``new:<name>`` for one named in the row."""

    def __init__(self, *args, allow_new: bool = False, **kwargs) -> None:
        self.allow_new = allow_new
        super().__init__(*args, **kwargs)

    def to_python(self, value: object) -> Person | None:
        if not (isinstance(value, str) and value.startswith(NEW_PERSON)):
            return super().to_python(value)
        if not self.allow_new:
            raise ValidationError("Choose a person from the list: only some roles add people.")
        name = " ".join(value[len(NEW_PERSON) :].split())
        if not name:
            raise ValidationError("Type the new person's name.")
        if len(name) > NAME_LENGTH:
            raise ValidationError(f"A name is at most {NAME_LENGTH} characters.")
        slug = person_slug(name)
        return Person.objects.filter(slug=slug).first() or Person(name=name, slug=slug)


class CreditForm(forms.ModelForm):
    """A credit whose person may be new: made only once the whole film form is valid."""

    class Meta:
        model = Credit
        fields = ["person", "role", "character", "job", "billing"]

    def _new_person(self) -> Person | None:
        person = getattr(self, "cleaned_data", {}).get("person")
        return person if person is not None and person.pk is None else None

    def _get_validation_exclusions(self) -> set[str]:
        exclusions = super()._get_validation_exclusions()
        if self._new_person() is not None:
            # Not saved yet, so there is nothing to check it against; a new person cannot
            # already hold this credit.
            exclusions.add("person")
        return exclusions

    def save(self, commit: bool = True) -> Credit:
        person = self._new_person()
        if person is not None:
            # Two rows may name one new person (director and writer): the first makes them.
            made = Person.objects.filter(slug=person.slug).first()
            if made is None:
                person.save()
            self.instance.person = made or person
        return super().save(commit)
