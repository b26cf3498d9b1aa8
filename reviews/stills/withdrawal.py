"""Expiry reaches the files: a still whose rights have run out stops answering at its media
address, and a renewed licence brings it back.

Pages stop showing an expired still at once (they are drawn from rows). Its files are
another matter: media are served without a permission check, so they would keep answering
to anyone holding an old address (a feed reader, a search engine, a reader's bookmark).
Under ``EXPIRED_STILLS = "withdraw"`` (the default) the original and every rendition move to
the ``withdrawn`` storage, which nothing serves; the desk still sees them through a
staff-only view. Under ``"signed"`` the files stay where they are, because the bucket only
answers signed addresses that expire by themselves and no page signs one for an expired still.

Moves happen when a still is saved with a date already past or a renewed one (once the save
commits), and for every still at once with ``manage.py withdraw_expired_stills``, which
cron runs shortly after midnight (rights end with their last day).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import Storage, default_storage, storages
from django.db import transaction
from django.utils import timezone

from reviews.models import Photo
from reviews.stills.faults import STORAGE_ERRORS, describe
from reviews.stills.processing import delete_files
from reviews.transactions import write_transaction

logger = logging.getLogger(__name__)


def withdrawn_storage() -> Storage:
    return storages["withdrawn"]


def storage_of(photo: Photo) -> Storage:
    """Where the still's files are now: the public media storage, or the withdrawn one."""
    return withdrawn_storage() if photo.files_withdrawn_at else default_storage


def file_names(photo: Photo) -> list[str]:
    """The names of the still's original and its renditions (the same in either storage)."""
    return [photo.image.name, *photo.renditions.values_list("file", flat=True)]


def moves_files() -> bool:
    return settings.EXPIRED_STILLS == "withdraw"


def _copy(names: list[str], source: Storage, target: Storage, written: list[str]) -> None:
    """Copy each file under the same name, adding each name written to ``written`` (so that
    a failure part-way can remove them). A file already only in the target (a run cut short
    after copying it) is taken as copied."""
    for name in names:
        if not source.exists(name):
            if target.exists(name):
                continue
            raise FileNotFoundError(f"{name} is in neither storage")
        if target.exists(name):
            target.delete(name)
        with source.open(name, "rb") as handle:
            saved = target.save(name, handle)
        written.append(saved)
        if saved != name:
            raise OSError(f"storage stored {name} as {saved}")


def _move(photo: Photo, *, withdraw: bool) -> bool:
    """Move the still's files into (or out of) the withdrawn storage and record it on the
    row, the row locked meanwhile. The copies are written first and the row changed in the
    same transaction; the files left behind are removed only once it commits, so a failure
    at any point leaves the still whole where it was."""
    source, target = default_storage, withdrawn_storage()
    if not withdraw:
        source, target = target, source
    with write_transaction():
        photo = Photo.objects.select_for_update().filter(pk=photo.pk).first()
        if photo is None or (photo.files_withdrawn_at is not None) == withdraw:
            return False
        names = file_names(photo)
        written: list[str] = []
        try:
            _copy(names, source, target, written)
            photo.files_withdrawn_at = timezone.now() if withdraw else None
            Photo.objects.filter(pk=photo.pk).update(files_withdrawn_at=photo.files_withdrawn_at)
        except BaseException:
            delete_files(target, written)
            raise
        transaction.on_commit(lambda: delete_files(source, names))
        if not withdraw:
            from reviews.stills.tasks import schedule_rights

            # Its rights (and focal point) may have changed while the files were away: every
            # file is written again as they now stand.
            schedule_rights(photo)
    return True


def withdraw(photo: Photo) -> bool:
    """Move an expired still's files out of public reach; False if there was nothing to do."""
    return _move(photo, withdraw=True)


def restore(photo: Photo) -> bool:
    """Bring a renewed still's files back to their public address."""
    return _move(photo, withdraw=False)


@dataclass
class SyncReport:
    withdrawn: list[Photo] = field(default_factory=list)
    restored: list[Photo] = field(default_factory=list)
    failed: list[tuple[Photo, str]] = field(default_factory=list)


def sync_still_files(on: datetime.date | None = None) -> SyncReport:
    """Withdraw every expired still's files and restore every renewed one's; a still whose
    files storage will not move is reported and left as it was (the next run tries again)."""
    report = SyncReport()
    if not moves_files():
        return report
    for photos, move, done in (
        (Photo.objects.to_withdraw(on), withdraw, report.withdrawn),
        (Photo.objects.to_restore(on), restore, report.restored),
    ):
        for photo in photos.order_by("pk"):
            try:
                if move(photo):
                    done.append(photo)
            except STORAGE_ERRORS as error:
                logger.warning("Could not move the files of still %s: %s", photo.pk, error)
                report.failed.append((photo, describe(error)))
    return report


def sync_one(photo_id: int) -> None:
    """After a still is saved: withdraw or restore its files as its rights now say. A storage
    failure is logged; ``withdraw_expired_stills`` tries again."""
    if not moves_files():
        return
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return
    try:
        if not photo.is_usable and photo.files_withdrawn_at is None:
            withdraw(photo)
        elif photo.is_usable and photo.files_withdrawn_at is not None:
            restore(photo)
    except STORAGE_ERRORS as error:
        logger.warning("Could not move the files of still %s: %s", photo_id, error)
