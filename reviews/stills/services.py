"""A still's writes: the cleaned original, its row and its files, in one transaction."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from reviews.models import Photo
from reviews.stills.faults import STORAGE_ERRORS, StorageUnavailable, describe
from reviews.stills.metadata import FileMetadata, RightsOut
from reviews.stills.prefill import fill_photo
from reviews.stills.processing import delete_files, prepare_original, rights_of
from reviews.stills.tasks import schedule_renditions, schedule_rights
from reviews.stills.withdrawal import storage_of, sync_one
from reviews.transactions import write_transaction

logger = logging.getLogger(__name__)


def unguessable_name(name: str) -> str:
    """``IMG_1234.jpg`` as ``<random>-IMG_1234.jpg``.

    Media are served without a permission check, so a still uploaded for a review still
    under embargo must not be found by guessing the camera's file name; its renditions
    take their names from it and carry the same random part (at the front, so that no
    shortening of a long name cuts it off; hexadecimal, so that no cleaning of a name for
    storage trims a leading "-" off it).
    """
    return f"{secrets.token_hex(9)}-{name}"


def _store_original(photo: Photo, upload: UploadedFile) -> str:
    """Clean the upload and write it to storage; returns the name the storage gave it.

    Raises StorageUnavailable when storage refuses the file or does not answer: no row is
    written then, and storage keeps nothing under a name it gave (an S3 object is written
    whole or not at all; a file a full disk cut short is an orphan that ``cleanup_media``
    removes).
    """

    def rights(metadata: FileMetadata) -> RightsOut:
        # Fields the form left empty are filled from the file before its rights are written.
        fill_photo(photo, metadata)
        return rights_of(photo)

    prepared = prepare_original(upload, rights)
    try:
        photo.image.save(unguessable_name(prepared.name), prepared.content, save=False)
    except STORAGE_ERRORS as error:
        logger.warning("Could not store the still %s: %s", upload.name, error)
        raise StorageUnavailable(
            f"The picture could not be stored: {describe(error)}. Nothing was saved; "
            "try again in a moment."
        ) from error
    photo.width, photo.height = prepared.width, prepared.height
    return photo.image.name


def save_still(photo: Photo, upload: UploadedFile | None = None) -> Photo:
    """Create or update a still; ``upload`` is a new picture for it (always, when creating).

    The cleaned picture is written before the row; if the row cannot be saved, the file is
    removed again, so a refused or rolled-back upload leaves nothing in storage. Renditions
    are queued when the picture is new or the focal point moved, and every file is written
    again when the rights its XMP carries changed; a replaced picture's old files are
    deleted once the transaction commits. Raises ``WriteBusy`` (nothing kept) when the
    database stayed busy with other saves past its timeout.
    """
    previous = Photo.objects.filter(pk=photo.pk).first() if photo.pk else None
    if previous is None and upload is None:
        raise ValidationError({"image": "Choose a picture to upload."})
    stored = _store_original(photo, upload) if upload is not None else None
    try:
        with write_transaction():
            photo.full_clean(exclude=["image"])
            if previous is not None and stored is not None:
                # A replaced picture: its old file and renditions go once this commits,
                # from wherever they are; the new ones are at the public address for now.
                stale = [previous.image.name, *(r.file.name for r in photo.renditions.all())]
                photo.renditions.all().delete()
                transaction.on_commit(partial(delete_files, storage_of(previous), stale))
                photo.files_withdrawn_at = None
            photo.save()
            if photo.is_usable == (photo.files_withdrawn_at is not None):
                # Its rights changed (expired, or renewed): its files follow once committed.
                transaction.on_commit(partial(sync_one, photo.pk))
            focal_moved = previous is not None and (
                (previous.focal_x, previous.focal_y) != (photo.focal_x, photo.focal_y)
            )
            # A new picture carries the rights already; changed rights remake every file.
            rights_changed = (
                previous is not None and stored is None and rights_of(previous) != rights_of(photo)
            )
            if rights_changed:
                schedule_rights(photo)
            elif stored is not None or focal_moved:
                schedule_renditions(photo)
    except BaseException:
        if stored is not None:
            delete_files(photo.image.storage, [stored])
            if previous is not None:
                photo.image.name = previous.image.name
        raise
    return photo


@dataclass
class FileRemoval:
    """The files of a deleted still, removed once the deletion commits; ``left`` then names
    those storage would not remove."""

    storage: Storage
    names: list[str]
    left: list[str] = field(default_factory=list)

    def __call__(self) -> None:
        self.left = delete_files(self.storage, self.names)


def delete_still(photo: Photo) -> FileRemoval:
    """Delete a still with its renditions and all their files (once the deletion commits).

    A still placed in a review is refused: the review would lose a picture silently. The
    placements are counted with the still's row locked, so an editor placing it at that
    moment waits for the deletion (and finds it gone) or placed it first (and it stays).

    The row goes first, the files once that commits. Should storage refuse to remove them,
    the deletion still stands: the still is gone at once from every page and list (all are
    drawn from rows), and its files, which no row names any more, are orphans that
    ``manage.py cleanup_media`` removes once storage answers. Removing the files first
    instead could leave a still whose files are half gone, and keeping the row until
    storage answers would let a still withdrawn for its rights stay in use. The returned
    removal names, once the deletion has committed, the files left behind.
    """
    with write_transaction():
        Photo.objects.lock_present([photo.pk])
        placements = photo.placements.count()
        if placements:
            raise ValidationError(
                "This still is placed in %(n)d review(s); take it out of them before deleting it.",
                code="in_use",
                params={"n": placements},
            )
        names = [photo.image.name] + list(photo.renditions.values_list("file", flat=True))
        removal = FileRemoval(storage_of(photo), names)
        photo.delete()
        transaction.on_commit(removal)
    return removal
