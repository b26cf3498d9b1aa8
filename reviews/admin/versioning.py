"""Edit conflicts on films, people and stills: the second of two saves from one starting
version is refused, with the other person's change shown beside the refused text.

The form carries the version it was loaded with (``loaded_version``); its ``clean`` reads
the stored row under a lock (held until the save commits, see ``saving.py`` for the
admin and the desk's still page) and refuses a save made from an older version. Nothing is
written then and the refused text stays in the form, so neither change is lost.
"""

from __future__ import annotations

from typing import Any

import reversion
from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from reversion.models import Version

from reviews.admin.links import int_or_none
from reviews.admin.revisions import field_changes


def _shown(value: Any) -> Any:
    """A value as a conflict shows it: a relation's objects listed, the rest as they are."""
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(sorted(str(item) for item in value))
    return value


def last_change(obj: models.Model) -> tuple[Any, Any]:
    """Who saved ``obj`` last and when, as far as the revisions or the admin's log know."""
    if reversion.is_registered(type(obj)):
        latest = Version.objects.get_for_object(obj).select_related("revision__user").first()
        if latest is not None:
            return latest.revision.user, latest.revision.date_created
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry is not None:
        return entry.user, entry.action_time
    return None, getattr(obj, "updated_at", None)


class VersionGuardForm(forms.ModelForm):
    """A change form that refuses a save made from an older version than the stored one.

    ``conflict`` then holds who saved, when, and each field where their saved value and
    the refused one differ (for the page to show).
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    #: Set per request by the admin: the stored version before a revision was put in view.
    live_version: int | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: dict | None = None
        if self.instance.pk:
            live = self.live_version
            self.fields["loaded_version"].initial = self.instance.version if live is None else live

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            self._check_version(cleaned)
        return cleaned

    def _compared_fields(self) -> list[str]:
        model_fields = {f.name: f for f in self.instance._meta.get_fields()}
        return [
            name
            for name in self.fields
            if name in model_fields and not isinstance(model_fields[name], models.FileField)
        ]

    def _check_version(self, cleaned: dict) -> None:
        model = type(self.instance)
        noun = model._meta.verbose_name
        stored = model._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        if stored is None:
            raise forms.ValidationError(
                f"Not saved: this {noun} has just been deleted. Copy what you need from the form.",
                code="gone",
            )
        loaded = cleaned.get("loaded_version")
        current = stored.version if self.live_version is None else self.live_version
        if loaded is None:
            raise forms.ValidationError(
                f"This form does not say which version of the {noun} it was loaded with; "
                "copy your changes, reload the page and apply them again.",
                code="no_version",
            )
        if loaded == current:
            return
        by, at = last_change(stored)
        names = self._compared_fields()
        labels = {name: str(self.fields[name].label or name) for name in names}
        theirs = {name: _shown(getattr(stored, name)) for name in names}
        yours = {name: _shown(cleaned.get(name)) for name in names}
        self.conflict = {"by": by, "at": at, "changes": field_changes(theirs, yours, labels)}
        raise forms.ValidationError(
            f"Not saved: {by or 'someone else'} saved this {noun} while you were editing it "
            f"(your copy is version {loaded}, the saved one is version {current}). Nothing "
            "was overwritten. Your changes are still in the form below: copy what you need, "
            f"reload the {noun} and apply your changes to the saved version.",
            code="conflict",
        )


class VersionGuardAdminMixin:
    """The admin side of ``VersionGuardForm``: the loaded version travels in the form, a
    restored revision is judged against (and continues from) the version stored now, and
    the refused save shows the other change. Place it after ``SerialSaveAdminMixin``,
    which locks the row for the whole save."""

    change_form_template = "admin/reviews/versioned_change_form.html"

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A fresh class per request (modelform_factory), so this does not leak between users.
        form.live_version = getattr(request, "_live_version", None)
        return form

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        name, options = fieldsets[0]
        fields = [*options["fields"]]
        if "loaded_version" not in fields:
            fields.append("loaded_version")
        return [(name, {**options, "fields": fields}), *fieldsets[1:]]

    def revision_view(self, request: HttpRequest, object_id: str, version_id, extra_context=None):
        # Reversion writes the old revision, version number and all, into the row before the
        # form is shown or judged: the version stored now is read first.
        stored = self.model._default_manager.filter(pk=int_or_none(unquote(object_id)))
        request._live_version = stored.values_list("version", flat=True).first()
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if change and form.live_version is not None:
            obj.version = form.live_version  # a restore continues from the stored version
        super().save_model(request, obj, form, change)
