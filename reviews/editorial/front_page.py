"""The editor's arrangement of the home page: which review is pinned as its lead."""

from reviews.models import Review
from reviews.transactions import write_transaction


def pin_lead(review: Review) -> None:
    """Pin ``review`` as the home page's lead, lifting the pin from any other (one at a time,
    as the database's ``review_one_pinned_lead`` holds). A pinned review leads only while it
    is published; until then, and after, the newest review with a picture leads."""
    with write_transaction():
        Review.objects.filter(pinned=True).exclude(pk=review.pk).update(pinned=False)
        Review.objects.filter(pk=review.pk).update(pinned=True)
    review.pinned = True


def unpin_lead() -> None:
    """Lift the pin: the newest review with a picture leads again."""
    Review.objects.filter(pinned=True).update(pinned=False)
