"""What a review's page shows beyond the review's own row, each part fetched when first used.

The page's template reads these parts inside its fragments (``{% fragment %}``), so a page
whose fragments are cached skips the queries and the model instances behind them; with
every fragment rendered, each part is still one query (no prefetch machinery), whatever
the number of credits, stills or corrections.
"""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import HttpRequest

from reviews.models import Credit, Film, Photo, Rendition, Review, ReviewStill
from reviews.models.credits import CreditRole
from reviews.models.photos import usable_condition
from reviews.public.body import BodyPart, lay_out
from reviews.public.jsonld import review_data

CREDIT_ORDER = [
    CreditRole.DIRECTOR,
    CreditRole.SCREENWRITER,
    CreditRole.CAST,
    CreditRole.PRODUCER,
    CreditRole.CINEMATOGRAPHER,
    CreditRole.EDITOR,
    CreditRole.COMPOSER,
    CreditRole.OTHER,
]


def group_credits(credits: list[Credit]) -> list[tuple[str, list[Credit]]]:
    """Credits in the order a review prints them: director first, cast after the writers."""
    grouped: dict[str, list[Credit]] = {role: [] for role in CREDIT_ORDER}
    for credit in credits:
        grouped[credit.role].append(credit)
    return [(CreditRole(role).label, items) for role, items in grouped.items() if items]


#: The renditions the page draws its stills from: the column's widths for the figures, and
#: the JPEG card crop for the social card (the other crops are never shown here).
PAGE_RENDITIONS = Q(spec__startswith="w") | Q(spec="card", format="jpeg")


class ReviewPage:
    """The parts of ``review``'s page that need queries: credits, genres, corrections, the
    top still's renditions, the body with its stills, the JSON-LD. ``review`` comes with its
    film, critic and lead stills joined (``Review.objects.for_page_header()``)."""

    def __init__(self, review: Review, request: HttpRequest) -> None:
        self.review = review
        self.request = request

    @cached_property
    def credits(self) -> list[Credit]:
        """The film's credits with their people."""
        return list(Credit.objects.filter(film=self.review.film_id).select_related("person"))

    @cached_property
    def grouped_credits(self) -> list[tuple[str, list[Credit]]]:
        return group_credits(self.credits)

    @cached_property
    def film(self) -> Film:
        """The review's film with its genres (for the facts box and JSON-LD)."""
        prefetch_related_objects([self.review.film], "genres")
        return self.review.film

    @cached_property
    def corrections(self) -> list:
        """The review's corrections, kept on the review for its ``modified_at``."""
        prefetch_related_objects([self.review], "corrections")
        return list(self.review.corrections.all())

    @property
    def last_corrected_at(self) -> datetime.datetime | None:
        self.corrections  # noqa: B018 - fetched before the review's property reads them
        return self.review.last_corrected_at

    @property
    def modified_at(self) -> datetime.datetime | None:
        self.corrections  # noqa: B018 - fetched before the review's property reads them
        return self.review.modified_at

    @cached_property
    def placements(self) -> list[ReviewStill]:
        """The stills placed in the body whose rights allow them, with the renditions of
        every picture the page draws (these and the top still) in one more query."""
        placements = list(
            ReviewStill.objects.filter(
                usable_condition("photo__"), review=self.review
            ).select_related("photo")
        )
        photos = [placement.photo for placement in placements]
        top = self.review.listing_photo
        if top is not None:
            photos.append(top)
        renditions = Rendition.objects.filter(PAGE_RENDITIONS).order_by()  # sorted when drawn
        prefetch_related_objects(photos, Prefetch("renditions", queryset=renditions))
        return placements

    @cached_property
    def top_still(self) -> Photo | None:
        """The picture on top of the page and on its social card, with its renditions."""
        self.placements  # noqa: B018 - fetches the renditions of every still on the page
        return self.review.listing_photo

    @cached_property
    def body_parts(self) -> list[BodyPart]:
        """The body's blocks with the stills placed between them."""
        return lay_out(self.review.body, self.placements)

    @cached_property
    def structured_data(self) -> dict[str, Any]:
        self.film  # noqa: B018 - genres, read by the Movie's data
        self.corrections  # noqa: B018 - for dateModified
        return review_data(self.review, self.credits, self.request)
