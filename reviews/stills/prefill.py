"""Fields of a still filled from its file's metadata, marked "from the file" until an
editor confirms them, alike in the photo desk and the admin.

The order in which the file's XMP, IPTC and EXIF are believed is ``reviews.stills.metadata``'s.
A field the editor typed is never overwritten; an empty one the file can fill is filled,
and the still remembers where it came from (``Photo.from_file``). Every form that shows it
marks it, and saving that form confirms it: the mark goes.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import models
from django.urls import reverse

from reviews.models import Photo
from reviews.stills.metadata import FileMetadata, prefill, prefill_sources, read_upload

#: The still's fields a file may fill.
PREFILLED = [
    "caption",
    "credit_line",
    "creator",
    "rights_holder",
    "copyright_notice",
    "licence_url",
    "acquire_licence_url",
    "usage_terms",
    "usage_expires",
]
#: Of those, the ones a still cannot do without: left empty, the file must fill them.
NEEDED = {"caption": "caption", "credit_line": "credit"}


def https_urls(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """A model form's ``formfield_callback``: an address typed without a scheme is https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def from_file_note(source: str) -> str:
    """The mark of a field filled from the file, in its help text."""
    return f"From the file ({source}): check it; saving confirms it."


def fill_photo(photo: Photo, meta: FileMetadata) -> dict[str, str]:
    """Fill the still's empty fields from ``meta``; returns (and records on the still) the
    fields filled, each with its source. Every stored upload passes here: it fills what no
    form did (a form without the field, the demo, a command)."""
    values, sources = prefill(meta), prefill_sources(meta)
    filled = {}
    for name, value in values.items():
        if not getattr(photo, name):
            setattr(photo, name, value)
            filled[name] = sources[name]
    photo.from_file = {**(photo.from_file or {}), **filled}
    return filled


class PrefillFromFileMixin:
    """For a still's model form: the fields left empty are filled from the uploaded file's
    metadata, so the caption and credit line may be left empty when the file has them;
    the fields still marked "from the file" say so in their help text, and saving the
    form confirms them.

    A form without a picture field (the desk's still page) only shows and confirms the marks.
    """

    image_field = "image"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filled_from_file: dict[str, str] = {}
        if self.image_field in self.fields:
            self._offer_the_file()
        for name, source in (self.instance.from_file or {}).items():
            if name in self.fields:
                self._mark(name, source)

    def _offer_the_file(self) -> None:
        picture = self.fields[self.image_field]
        picture.widget.attrs["data-metadata-url"] = reverse("desk:still-metadata")
        for name, words in NEEDED.items():
            if name in self.fields and not self.instance.pk:
                field = self.fields[name]
                field.required = False
                field.help_text = (
                    f"{field.help_text} Leave empty to use the {words} written in the file."
                )

    def _mark(self, name: str, source: str) -> None:
        field = self.fields[name]
        field.help_text = f"{from_file_note(source)} {field.help_text}"
        field.widget.attrs["data-from-file"] = source

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get(self.image_field) if self.image_field in self.fields else None
        confirmed = dict(self.instance.from_file or {})
        for name in self.fields:
            confirmed.pop(name, None)  # shown in this form, so seen and confirmed
        if upload and self.image_field in self.changed_data:
            self._fill_from(read_upload(upload), cleaned)
        self.instance.from_file = {**confirmed, **self.filled_from_file}
        if self.image_field in self.errors:
            return cleaned  # no file to speak for the fields the editor left empty
        for name, words in NEEDED.items():
            if name in self.fields and not cleaned.get(name) and name not in self.errors:
                self.add_error(name, f"This field is required: the file carries no {words} to use.")
        return cleaned

    def _fill_from(self, meta: FileMetadata, cleaned: dict[str, Any]) -> None:
        values, sources = prefill(meta), prefill_sources(meta)
        for name, value in values.items():
            if name in self.fields and name not in self.errors and not cleaned.get(name):
                cleaned[name] = value
                self.filled_from_file[name] = sources[name]


def prefill_answer(upload: Any) -> dict[str, Any]:
    """What the page's script is told about a chosen file, before it is uploaded: the
    fields it would fill and where each comes from."""
    meta = read_upload(upload)
    values = prefill(meta)
    return {
        "fields": {
            name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in values.items()
        },
        "sources": prefill_sources(meta),
    }
