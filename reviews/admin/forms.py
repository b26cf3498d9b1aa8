"""The admin's own forms: the review with its loaded version, workflow moves, preview
links, corrections, a still's words and focal point, and a film file to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from reviews.admin.revisions import _labels, field_changes
from reviews.admin.versioning import VersionGuardForm
from reviews.editorial import previews
from reviews.importing import ImportFileError, parse_mapping
from reviews.importing.reading import FIELDS
from reviews.models import (
    Photo,
    Review,
    ReviewStatus,
)
from reviews.models.reviews import LIVE_STATUSES, CorrectionKind
from reviews.stills.desk.forms import PHOTO_RIGHTS_FIELDS, PHOTO_TEXT_FIELDS
from reviews.stills.prefill import PrefillFromFileMixin, https_urls
from reviews.stills.validation import StillFileField, StillJudgedByFieldMixin

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


#: A still chosen in a form that was deleted (on the photo desk, say) while it was filled in.
STILL_GONE = "This still has just been deleted from the photo library; choose another."

#: The review's own fields whose changes a conflict or a comparison shows.
COMPARED_REVIEW_FIELDS = [
    "headline",
    "slug",
    "dek",
    "film",
    "critic",
    "rating",
    "not_rated",
    "body",
    "pull_quote",
    "critics_pick",
    "lead_still",
]


def _review_values(review: Review) -> dict:
    return {name: getattr(review, name) for name in COMPARED_REVIEW_FIELDS}


class ReviewAdminForm(forms.ModelForm):
    """The review change form, carrying the version it was loaded with.

    A save made against an older version than the one stored is refused; the refused text
    stays in the form and the other person's change is shown (``self.conflict``).
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        error_messages = {"lead_still": {"invalid_choice": STILL_GONE}}

    #: Set per request by the admin: the stored state before a revision was put back in view.
    live_state: dict | None = None
    #: Set per request by the admin: whether the user is shown the internal version numbers.
    show_versions: bool = True
    #: Set per request by the admin: the version an unsaved draft put back in view was typed on.
    restored_from_version: int | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: dict | None = None
        if self.instance.pk:
            live = self.live_state or {"version": self.instance.version}
            self.fields["loaded_version"].initial = self.restored_from_version or live["version"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("rating") is not None and cleaned.get("not_rated"):
            self.add_error(
                "not_rated", "A review with stars is rated: clear the stars or untick this."
            )
        lead = cleaned.get("lead_still")
        if lead is not None and "lead_still" in self.changed_data:
            if not Photo.objects.lock_present([lead.pk]):
                self.add_error("lead_still", STILL_GONE)
        if not self.instance.pk:
            return cleaned
        loaded = cleaned.get("loaded_version")
        stored = (
            Review.objects.select_for_update(of=("self",)).select_related(
                "film", "critic", "lead_still"
            )
        ).get(pk=self.instance.pk)
        current_version = self.live_state["version"] if self.live_state else stored.version
        if loaded is None:
            raise forms.ValidationError(
                "This form does not say which version of the review it was loaded with; "
                "copy your changes, reload the review and apply them again.",
                code="no_version",
            )
        if loaded != current_version:
            latest = Version.objects.get_for_object(stored).select_related("revision__user").first()
            # Only what this user could edit: a Critic's form has no byline field, for one.
            names = [name for name in COMPARED_REVIEW_FIELDS if name in self.fields]
            yours = {name: cleaned.get(name) for name in names}
            self.conflict = {
                "by": latest.revision.user if latest else None,
                "at": latest.revision.date_created if latest else stored.updated_at,
                "changes": field_changes(_review_values(stored), yours, _labels(Review, names)),
            }
            raise forms.ValidationError(
                self._conflict_message(self.conflict["by"], loaded, current_version),
                code="conflict",
            )
        self._check_embargo(cleaned, self.live_state or {
            "status": stored.status, "published_at": stored.published_at
        })  # fmt: skip
        return cleaned

    def _check_embargo(self, cleaned: dict, live: dict) -> None:
        """A live review is never dated before its embargo (the database holds to it too):
        a later embargo on one waits until it is unscheduled or unpublished."""
        until = cleaned.get("embargo_until")
        published_at = live["published_at"]
        if until is None or live["status"] not in LIVE_STATUSES or published_at >= until:
            return
        when = date_format(timezone.localtime(published_at), "j F Y, H:i T")
        state = "published" if live["status"] == ReviewStatus.PUBLISHED else "scheduled"
        self.add_error(
            "embargo_until",
            f"This review is {state} for {when}, before this embargo. Unschedule or "
            "unpublish it first, or give an embargo that ends by then.",
        )

    def _conflict_message(self, by, loaded: int, current: int) -> str:
        # The version numbers are the desk's; critics are told without them.
        versions = (
            f" (your copy is version {loaded}, the saved one is version {current})"
            if self.show_versions
            else ""
        )
        return (
            f"Not saved: {by or 'someone else'} saved this review while you were editing "
            f"it{versions}. Nothing was overwritten. Your text is still in the form below: "
            "copy what you need, reload the review and apply your changes to the saved version."
        )


class PlacementForm(forms.ModelForm):
    class Meta:
        error_messages = {"photo": {"invalid_choice": STILL_GONE}}


class PlacementFormSet(BaseInlineFormSet):
    """The stills placed in a review. Each newly chosen one is locked until the save commits
    and must still be there: a still deleted on the desk meanwhile is a form error, and the
    desk's deletion of one placed meanwhile waits for this save and is then refused."""

    def clean(self) -> None:
        super().clean()
        placing = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("photo") and not data.get("DELETE") and "photo" in form.changed_data:
                placing[data["photo"].pk] = form
        present = Photo.objects.lock_present(placing)
        for pk, form in placing.items():
            if pk not in present:
                form.add_error("photo", STILL_GONE)


class TransitionForm(forms.Form):
    message = forms.CharField(max_length=500, required=False)
    when = forms.DateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        label="publication time",
    )


class PreviewLinkForm(forms.Form):
    days = forms.TypedChoiceField(
        choices=[(d, f"{d} days") for d in previews.PREVIEW_DAYS], coerce=int, initial=3
    )


class CorrectionForm(forms.ModelForm):
    """A correction runs when it is written or was printed: never dated ahead (a stored
    future date, from an import say, stays hidden from readers until it comes)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            # Left out, it is a correction, as it was before there were kinds.
            self.fields["kind"].required = False

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or CorrectionKind.CORRECTION

    def clean_published_at(self):
        when = self.cleaned_data.get("published_at")
        if when and when > timezone.now():
            raise forms.ValidationError(
                "A correction cannot be dated in the future; give the date it ran.",
                code="future",
            )
        return when


#: A still's words and rights, in the order the still's forms show them (the desk's too).
PHOTO_DETAILS = [*PHOTO_TEXT_FIELDS, *PHOTO_RIGHTS_FIELDS]


class PhotoAdminForm(PrefillFromFileMixin, StillJudgedByFieldMixin, VersionGuardForm):
    """The focal point may be left out: a still without one is centred. The caption, credit
    and rights left empty are filled from the file's metadata, marked "from the file". A
    save from an older version than the stored one is refused (``VersionGuardForm``)."""

    class Meta:
        model = Photo
        fields = [
            "image",
            *PHOTO_DETAILS,
            "embargo_until",
            "embargo_note",
            "focal_x",
            "focal_y",
        ]
        field_classes = {"image": StillFileField}
        formfield_callback = https_urls
        widgets = {"usage_terms": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Someone who may only view stills gets a form without these fields (the admin shows
        # them read only), so there is nothing to relax then.
        for name in ("focal_x", "focal_y"):
            if name in self.fields:
                self.fields[name].required = False

    def _focal(self, name: str) -> float:
        value = self.cleaned_data.get(name)
        return Photo._meta.get_field(name).default if value is None else value

    def clean_focal_x(self) -> float:
        return self._focal("focal_x")

    def clean_focal_y(self) -> float:
        return self._focal("focal_y")

    #: Set per request by the admin: why storage refused this post's picture a moment ago.
    storage_refused = ""

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.storage_refused:
            self.add_error("image" if "image" in self.fields else None, self.storage_refused)
        return cleaned


class FilmImportForm(forms.Form):
    file = forms.FileField(help_text="A CSV or JSON file of films; see the export for the columns.")
    encoding = forms.CharField(
        required=False,
        max_length=40,
        help_text="Leave empty: UTF-8 and Latin-1 are recognised. E.g. cp1251 for Cyrillic.",
    )
    mapping = forms.CharField(
        label="Column mapping",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
        help_text=f"One per line, COLUMN=FIELD, e.g. Film Name=title. Fields: {', '.join(FIELDS)}.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {upload.size // 1024} KiB; the limit is {limit // 1024} KiB. "
                "Import larger files with manage.py import_films."
            )
        return upload

    def clean_mapping(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["mapping"].splitlines()]
        lines = [line for line in lines if line]
        try:
            parse_mapping(lines)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return lines
