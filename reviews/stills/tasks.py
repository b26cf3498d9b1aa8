"""The background work of a still: its renditions, made once after an upload."""

import logging
from functools import partial

from django.db import transaction
from django_tasks import task

from reviews.models import Photo
from reviews.stills.processing import make_renditions

logger = logging.getLogger(__name__)


@task()
def render_still(photo_id: int, focal_x: float, focal_y: float) -> str:
    """The background task: make a still's renditions, unless a newer request superseded it."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return "gone"
    if (photo.focal_x, photo.focal_y) != (focal_x, focal_y):
        return "superseded"
    made = make_renditions(photo)
    logger.info("Made %d renditions of still %s", len(made), photo_id)
    return f"made {len(made)}"


def schedule_renditions(photo: Photo) -> None:
    """Queue the renditions once the still's row is committed (a worker must see it)."""
    transaction.on_commit(
        partial(render_still.enqueue, photo.pk, photo.focal_x, photo.focal_y), robust=True
    )
