"""Forms on the readers' pages. They submit with GET and work without JavaScript."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field
from crispy_forms.utils import render_crispy_form
from django import forms
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from reviews.models import Film, Genre, MPAARating, Person, Review
from reviews.public.caching import per_content_version

MIN_STARS_CHOICES = [("", "Any rating")] + [(str(n), f"{n}+ stars") for n in (1, 2, 3, 4)]


class ArchiveFilterForm(forms.Form):
    genre = forms.ModelChoiceField(
        queryset=Genre.objects.all(), to_field_name="slug", required=False, empty_label="Any genre"
    )
    mpaa = forms.ChoiceField(
        label="MPAA rating", choices=[("", "Any rating"), *MPAARating.choices], required=False
    )
    stars = forms.TypedChoiceField(
        label="Stars", choices=MIN_STARS_CHOICES, coerce=int, empty_value=None, required=False
    )
    year = forms.TypedChoiceField(label="Year", coerce=int, empty_value=None, required=False)
    pick = forms.BooleanField(label="Critics’ picks only", required=False)
    #: Reviews of one person's films, from their page's "All reviews" link (hidden: the
    #: other filters keep it).
    person = forms.ModelChoiceField(
        queryset=Person.objects.all(), to_field_name="slug", required=False,
        widget=forms.HiddenInput,
    )  # fmt: skip

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Any year")] + [(y, str(y)) for y in years]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "filters"
        self.helper.disable_csrf = True
        self.helper.layout = Div(
            Field("genre"),
            Field("mpaa"),
            Field("stars"),
            Field("year"),
            Field("pick", wrapper_class="filters__pick"),
            Field("person"),
            # No name: the button adds nothing to the address.
            HTML('<div class="mb-3"><button type="submit" class="button">Filter</button></div>'),
            css_class="filters__row",
        )

    def chosen(self) -> dict:
        """The values of the valid filters (none for a form without data)."""
        if not self.is_bound:
            return {}
        self.is_valid()  # cleaned_data keeps the fields that are valid
        return self.cleaned_data

    def filter(self, reviews: QuerySet[Review]) -> QuerySet[Review]:
        """Narrow ``reviews`` by the valid filters; invalid ones are ignored, not fatal."""
        data = self.chosen()
        condition = Q()
        if genre := data.get("genre"):
            condition &= Q(film__genres=genre)
        if mpaa := data.get("mpaa"):
            condition &= Q(film__mpaa_rating=mpaa)
        if (stars := data.get("stars")) is not None:
            condition &= Q(rating__gte=stars)
        if data.get("pick"):
            condition &= Q(critics_pick=True)
        reviews = reviews.filter(condition)
        if year := data.get("year"):
            # A year's reviews sit together, deep in the newest-first listing for an old
            # year: found from the year's films rather than by walking the listing.
            reviews = reviews.of_films(Film.objects.filter(year=year))
        if person := data.get("person"):
            reviews = reviews.of_films_with(person)
        return reviews

    def html(self) -> SafeString:
        """The form's HTML. Its selects' hundred options take about 10 ms to render, so the
        HTML of a form whose filters are all valid is kept until the content changes (the
        genres and years are content), keyed by the filters; a form with an invalid value,
        from an address made by hand, is rendered each time, so only real combinations of
        filters are ever kept."""
        if self.is_bound and not self.is_valid():
            return render_crispy_form(self)
        key = urlencode(
            sorted(
                (name, value.pk if isinstance(value, Model) else value)
                for name, value in self.chosen().items()
                if value not in (None, "", False)
            )
        )
        return per_content_version(f"archive-filters?{key}", lambda: render_crispy_form(self))


def filters_in(request: HttpRequest) -> str:
    """The list's filters from its address, without the page number, as a query string."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def filter_context(request: HttpRequest) -> dict:
    """``filtered``: whether any filter is set, to offer "Clear the filters" (the pagination
    links keep the filters themselves, with ``{% querystring %}``)."""
    return {"filtered": any(value for key, value in request.GET.items() if key != "page")}
