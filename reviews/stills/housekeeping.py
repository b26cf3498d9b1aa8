"""The media a still owns in storage, the files nothing owns any more, and the stills
whose renditions are missing."""

import datetime
from collections.abc import Iterator

from django.core.files.storage import Storage
from django.utils import timezone

from reviews.models import Photo, Rendition
from reviews.models.photos import PhotoQuerySet

#: The folders stills and their renditions are written to (see the models' upload_to).
MEDIA_FOLDERS = ("stills", "renditions")


def walk(storage: Storage, folder: str) -> Iterator[str]:
    """Every file name under ``folder``, through the storage API (disk or object store).

    One listing per folder: a missing folder is an error on disk and an empty listing in
    an object store (which has no folders, only names with a common prefix).
    """
    try:
        directories, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from walk(storage, f"{folder}/{directory}")


def orphan_files(storage: Storage, min_age: datetime.timedelta | None = None) -> list[str]:
    """Files in the media folders that no Photo or Rendition row names.

    Files younger than ``min_age`` are left out: an upload in progress writes its file a
    moment before its row is committed, and must not be taken for an orphan.
    """
    known = set(Photo.objects.values_list("image", flat=True))
    known |= set(Rendition.objects.values_list("file", flat=True))
    names = (name for folder in MEDIA_FOLDERS for name in walk(storage, folder))
    orphans = [name for name in names if name not in known]
    if min_age:
        cutoff = timezone.now() - min_age
        orphans = [name for name in orphans if storage.get_modified_time(name) <= cutoff]
    return sorted(orphans)


def stills_missing_renditions(min_age: datetime.timedelta) -> PhotoQuerySet:
    """Stills to make renditions for again: the last making failed, or none were ever made
    and the still is older than ``min_age`` (younger ones may have their task queued)."""
    return Photo.objects.missing_renditions(uploaded_before=timezone.now() - min_age).order_by("pk")
