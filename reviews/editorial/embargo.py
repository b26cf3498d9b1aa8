"""A review's embargo carried to its stills: the studio's terms cover the pictures too.

The film page shows every still of a film, so a still placed in (or leading) a review under
embargo must carry that embargo itself. Saving the review sets it on those stills; a still
whose embargo followed the review's old one follows the new one (or is lifted with it),
and one holding a later embargo of its own keeps it.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from reviews.models import Photo, Review
from reviews.transactions import write_transaction


def attached_stills(review: Review) -> QuerySet[Photo]:
    """The stills ``review`` places in its body or leads with."""
    ids = set(review.placements.values_list("photo_id", flat=True))
    if review.lead_still_id:
        ids.add(review.lead_still_id)
    return Photo.objects.filter(pk__in=ids)


def extend_to_stills(review: Review, previous: datetime.datetime | None = None) -> int:
    """Set ``review``'s embargo on its stills; ``previous`` is the embargo it held before
    this save. Returns how many stills changed."""
    with write_transaction():
        stills = attached_stills(review)
        if review.embargo_until is None:
            if previous is None:
                return 0
            return stills.filter(embargo_until=previous).update(embargo_until=None, embargo_note="")
        follows = Q(embargo_until__isnull=True) | Q(embargo_until__lt=review.embargo_until)
        if previous is not None:
            follows |= Q(embargo_until=previous)
        return (
            stills.filter(follows)
            .exclude(embargo_until=review.embargo_until, embargo_note=review.embargo_note)
            .update(embargo_until=review.embargo_until, embargo_note=review.embargo_note)
        )
