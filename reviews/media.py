"""The media a still owns in storage, and the files nothing owns any more."""

from collections.abc import Iterator

from django.core.files.storage import Storage

from reviews.models import Photo, Rendition

#: The folders stills and their renditions are written to (see the models' upload_to).
MEDIA_FOLDERS = ("stills", "renditions")


def walk(storage: Storage, folder: str) -> Iterator[str]:
    """Every file name under ``folder``, through the storage API (disk or object store)."""
    if not storage.exists(folder) and not _has_entries(storage, folder):
        return
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from walk(storage, f"{folder}/{directory}")


def _has_entries(storage: Storage, folder: str) -> bool:
    # Object stores have no folders: "exists" is false for a prefix that has files.
    try:
        directories, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return False
    return bool(directories or files)


def orphan_files(storage: Storage) -> list[str]:
    """Files in the media folders that no Photo or Rendition row names."""
    known = set(Photo.objects.values_list("image", flat=True))
    known |= set(Rendition.objects.values_list("file", flat=True))
    return sorted(
        name for folder in MEDIA_FOLDERS for name in walk(storage, folder) if name not in known
    )
