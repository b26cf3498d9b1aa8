"""Writes that touch several models or files, each inside one transaction."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from reviews.models import Credit, Person, Photo, SlugRedirect
from reviews.renditions import delete_files, prepare_original, schedule_renditions

# Stills ------------------------------------------------------------------------------------


def unguessable_name(name: str) -> str:
    """``IMG_1234.jpg`` as ``<random>-IMG_1234.jpg``.

    Media are served without a permission check, so a still uploaded for a review still
    under embargo must not be found by guessing the camera's file name; its renditions
    take their names from it and carry the same random part (at the front, so that no
    shortening of a long name cuts it off).
    """
    return f"{secrets.token_urlsafe(9)}-{name}"


def _store_original(photo: Photo, upload: UploadedFile) -> str:
    """Clean the upload and write it to storage; returns the name the storage gave it."""
    prepared = prepare_original(upload)
    if not photo.credit_line and prepared.embedded_credit:
        photo.credit_line = prepared.embedded_credit
    photo.image.save(unguessable_name(prepared.name), prepared.content, save=False)
    photo.width, photo.height = prepared.width, prepared.height
    return photo.image.name


def save_still(photo: Photo, upload: UploadedFile | None = None) -> Photo:
    """Create or update a still; ``upload`` is a new picture for it (always, when creating).

    The cleaned picture is written before the row; if the row cannot be saved, the file is
    removed again, so a refused or rolled-back upload leaves nothing in storage. Renditions
    are queued when the picture is new or the focal point moved; a replaced picture's old
    files are deleted once the transaction commits.
    """
    previous = Photo.objects.filter(pk=photo.pk).first() if photo.pk else None
    if previous is None and upload is None:
        raise ValidationError({"image": "Choose a picture to upload."})
    stored = _store_original(photo, upload) if upload is not None else None
    try:
        with transaction.atomic():
            photo.full_clean(exclude=["image"])
            photo.save()
            if previous is not None and stored is not None:
                # A replaced picture: its old file and renditions go once this commits.
                stale = [previous.image.name, *(r.file.name for r in photo.renditions.all())]
                photo.renditions.all().delete()
                transaction.on_commit(partial(delete_files, photo.image.storage, stale))
            focal_moved = previous is not None and (
                (previous.focal_x, previous.focal_y) != (photo.focal_x, photo.focal_y)
            )
            if stored is not None or focal_moved:
                schedule_renditions(photo)
    except BaseException:
        if stored is not None:
            photo.image.storage.delete(stored)
            if previous is not None:
                photo.image.name = previous.image.name
        raise
    return photo


def delete_still(photo: Photo) -> None:
    """Delete a still with its renditions and all their files (once the deletion commits).

    A still placed in a review is refused: the review would lose a picture silently.
    """
    placements = photo.placements.count()
    if placements:
        raise ValidationError(
            "This still is placed in %(n)d review(s); take it out of them before deleting it.",
            code="in_use",
            params={"n": placements},
        )
    names = [photo.image.name] + list(photo.renditions.values_list("file", flat=True))
    storage = photo.image.storage
    with transaction.atomic():
        photo.delete()
        transaction.on_commit(partial(delete_files, storage, names))


# People ------------------------------------------------------------------------------------
@dataclass
class MergeResult:
    kept: Person
    merged: list[str] = field(default_factory=list)  # the names merged away
    moved: int = 0  # credits that moved to the kept person
    dropped: int = 0  # credits the kept person already had, word for word
    redirects: list[str] = field(default_factory=list)  # old slugs that now redirect


def merge_people(keep: Person, duplicates: Iterable[Person]) -> MergeResult:
    """Fold duplicate records of one person into ``keep``.

    Each duplicate's credits move to ``keep``; a credit ``keep`` already holds (same film,
    role, character and job, which the database allows only once) is dropped instead of
    moved. The duplicate is deleted and its address redirects permanently to ``keep``.
    """
    result = MergeResult(kept=keep)
    with transaction.atomic():
        duplicates = list(duplicates)
        ids = [keep.pk, *(d.pk for d in duplicates)]
        if keep.pk in ids[1:]:
            raise ValueError(f"{keep} cannot be merged into themselves.")
        list(Person.objects.select_for_update().filter(pk__in=ids))  # lock the rows
        held = set(
            Credit.objects.filter(person=keep).values_list("film_id", "role", "character", "job")
        )
        for duplicate in duplicates:
            to_move, to_drop = [], []
            credits = duplicate.credits.values_list("id", "film_id", "role", "character", "job")
            for credit_id, *key in credits:
                key = tuple(key)
                (to_drop if key in held else to_move).append(credit_id)
                held.add(key)
            Credit.objects.filter(pk__in=to_drop).delete()
            Credit.objects.filter(pk__in=to_move).update(person=keep)
            if not keep.bio and duplicate.bio:
                keep.bio = duplicate.bio
                keep.save(update_fields=["bio", "updated_at"])
            kind = SlugRedirect.Kind.PERSON
            SlugRedirect.objects.filter(kind=kind, target_id=duplicate.pk).update(target_id=keep.pk)
            SlugRedirect.objects.update_or_create(
                kind=kind, old_slug=duplicate.slug, defaults={"target_id": keep.pk}
            )
            result.merged.append(duplicate.name)
            result.redirects.append(duplicate.slug)
            result.moved += len(to_move)
            result.dropped += len(to_drop)
            duplicate.delete()
    return result
