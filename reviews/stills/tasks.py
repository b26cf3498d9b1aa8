"""The background work of a still: its renditions, made once after an upload.

A making that fails (storage refusing the files, say) is recorded on the still, which the
desk then lists as missing its renditions; ``manage.py remake_renditions`` and the desk's
"Make renditions again" make them once storage is back.
"""

import logging
from dataclasses import astuple
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from reviews.models import Photo, Rendition
from reviews.stills.processing import make_renditions, rewrite_rights, rights_of

logger = logging.getLogger(__name__)


@task()
def render_still(photo_id: int, focal_x: float, focal_y: float) -> str:
    """The background task: make a still's renditions, unless a newer request superseded it."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return "gone"
    if (photo.focal_x, photo.focal_y) != (focal_x, focal_y):
        return "superseded"
    made = remake_renditions(photo)
    logger.info("Made %d renditions of still %s", len(made), photo_id)
    return f"made {len(made)}"


def remake_renditions(photo: Photo) -> list[Rendition]:
    """Make the still's missing renditions now, and record how it went on the still.

    A failure sets ``renditions_failed_at`` and is raised again (a task backend then marks
    its task failed); a success clears it.
    """
    if photo.files_withdrawn_at is not None:
        # Out of public reach until renewed; restoring the files makes them then.
        return []
    try:
        made = make_renditions(photo)
    except Exception:
        photo.renditions_failed_at = timezone.now()
        Photo.objects.filter(pk=photo.pk).update(renditions_failed_at=photo.renditions_failed_at)
        logger.exception("Could not make the renditions of still %s", photo.pk)
        raise
    if photo.renditions_failed_at is not None:
        photo.renditions_failed_at = None
        Photo.objects.filter(pk=photo.pk).update(renditions_failed_at=None)
    return made


def schedule_renditions(photo: Photo) -> None:
    """Queue the renditions once the still's row is committed (a worker must see it)."""
    transaction.on_commit(
        partial(render_still.enqueue, photo.pk, photo.focal_x, photo.focal_y), robust=True
    )


@task()
def carry_rights(photo_id: int, rights: list[str]) -> str:
    """The background task: write a still's changed rights into its files, unless they
    changed again since (a newer task carries those)."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return "gone"
    if list(astuple(rights_of(photo))) != rights:
        return "superseded"
    if photo.files_withdrawn_at is not None:
        return "withdrawn"  # its files take the rights as they then stand when restored
    try:
        made = rewrite_rights(photo)
    except Exception:
        # The files keep the rights they had; the pages and their JSON-LD show the new ones.
        logger.exception("Could not write the rights into the files of still %s", photo_id)
        raise
    return f"rewrote the original and {len(made)} renditions"


def schedule_rights(photo: Photo) -> None:
    """Queue writing the still's rights into its files once its row is committed."""
    rights = list(astuple(rights_of(photo)))
    transaction.on_commit(partial(carry_rights.enqueue, photo.pk, rights), robust=True)
