"""Placing a review's stills by picture: the body's paragraphs as the placement page lists
them (their first words), and the save of a new arrangement under the review's version
lock, so that it and an edit of the review in the admin never overwrite each other.

The arrangement is stored as it always was, each still's ``after_paragraph`` (0 above the
first) and its ``order`` among the stills after the same paragraph; nobody counts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import reversion
from django.utils.html import strip_tags
from django.utils.text import Truncator

from reviews.models import Review, ReviewStill
from reviews.public.body import split_blocks
from reviews.transactions import write_transaction

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

#: Words of each paragraph the page shows.
OPENING_WORDS = 12


@dataclass(frozen=True)
class Paragraph:
    """A top-level block of the body (a paragraph, quote, list or heading), as
    ``reviews.public.body.lay_out`` counts them: ``number`` 1 is the first."""

    number: int
    opening: str


@dataclass(frozen=True)
class Position:
    after_paragraph: int
    order: int


class PlacementConflict(Exception):
    """The review was saved by someone else since the placement page was loaded."""

    def __init__(self, review: Review, loaded_version: int) -> None:
        super().__init__(f"version {loaded_version} loaded, version {review.version} saved")
        self.review = review
        self.loaded_version = loaded_version


def paragraphs(body: str) -> list[Paragraph]:
    """The body's blocks, each with its first words (an image-only or empty block says so)."""
    found = []
    for number, block in enumerate(split_blocks(body), start=1):
        text = " ".join(strip_tags(block).split())
        opening = Truncator(text).words(OPENING_WORDS, truncate="…") if text else "(no text)"
        found.append(Paragraph(number, opening))
    return found


def place_stills(
    review: Review,
    positions: dict[int, Position],
    loaded_version: int,
    user: AbstractBaseUser,
) -> Review:
    """Give each of the review's placements (by id) its position, and raise the review's
    version as any save of it does, so that a change form loaded before is refused.

    Raises ``PlacementConflict``, writing nothing, when the review was saved since
    ``loaded_version``; ``KeyError`` when ``positions`` leaves out a placement.
    """
    with write_transaction(), reversion.create_revision():
        stored = Review.objects.select_for_update().get(pk=review.pk)
        if stored.version != loaded_version:
            raise PlacementConflict(stored, loaded_version)
        placements = list(ReviewStill.objects.filter(review=stored))
        for placement in placements:
            position = positions[placement.pk]
            placement.after_paragraph, placement.order = position.after_paragraph, position.order
        ReviewStill.objects.bulk_update(placements, ["after_paragraph", "order"])
        stored.save(update_fields=["updated_at"])
        reversion.set_user(user)
        reversion.set_comment("Stills placed by picture.")
    return stored
