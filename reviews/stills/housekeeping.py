"""The media a still owns in storage, and the files nothing owns any more."""

import datetime
from collections.abc import Iterator

from django.core.files.storage import Storage
from django.utils import timezone

from reviews.models import Photo, Rendition

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
