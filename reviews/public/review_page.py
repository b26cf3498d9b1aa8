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
from reviews.models.photos import previewable_condition, public_condition
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


def group_credits(credits: list[Credit], by_count: bool = True) -> list[tuple[str, list[Credit]]]:
    """Credits in the order a review prints them: director first, cast after the writers.

    A film's roles are labelled by how many hold them ("Producers" over four names); a
    person's filmography keeps the singular (``by_count=False``: "Director" of each film).
    """
    grouped: dict[str, list[Credit]] = {role: [] for role in CREDIT_ORDER}
    for credit in credits:
        grouped[credit.role].append(credit)
    return [
        (CreditRole(role).label_for(len(items) if by_count else 1), items)
        for role, items in grouped.items()
        if items
    ]


#: The renditions the page draws its stills from: the column's widths for the figures, and
#: the JPEG card crop for the social card (the other crops are never shown here).
PAGE_RENDITIONS = Q(spec__startswith="w") | Q(spec="card", format="jpeg")


class ReviewPage:
    """The parts of ``review``'s page that need queries: credits, genres, corrections, the
    top still's renditions, the body with its stills, the JSON-LD. ``review`` comes with its
    film, critic, lead stills and trailer poster joined (``Review.objects.for_page_header()``).

    Readers see the stills pages may show (rights, files present, no embargo); a staff
    preview (``embargoed``) sees those under an embargo too."""

    def __init__(self, review: Review, request: HttpRequest, *, embargoed: bool = False) -> None:
        self.review = review
        self.request = request
        self.embargoed = embargoed

    def _shown(self, photo: Photo | None) -> bool:
        if photo is None:
            return False
        return photo.is_previewable if self.embargoed else photo.is_public

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
        """The corrections readers see (those whose date has come); all of the review's are
        kept on it, for its ``modified_at``."""
        prefetch_related_objects([self.review], "corrections")
        return self.review.due_corrections

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
        """The stills placed in the body that may be shown, in their order, kept on the
        review as its prefetched placements (the JSON-LD lists them); then the renditions of
        every picture the page draws (these, the top still, the trailer's poster frame) in
        one more query."""
        shown = previewable_condition if self.embargoed else public_condition
        condition = shown("photo__")
        placed = ReviewStill.objects.filter(condition).select_related("photo")
        placed = placed.order_by("after_paragraph", "order", "id")
        prefetch_related_objects([self.review], Prefetch("placements", queryset=placed))
        placements = list(self.review.placements.all())
        photos = [placement.photo for placement in placements]
        # The trailer's poster frame may be the film's lead still: another instance than
        # the review's own lead even when it is the same picture.
        film = self.review.film
        poster = film.trailer_poster_still if film.trailer_url else None
        photos += [p for p in (self._top(placements), poster) if p]
        renditions = Rendition.objects.filter(PAGE_RENDITIONS).order_by()  # sorted when drawn
        prefetch_related_objects(photos, Prefetch("renditions", queryset=renditions))
        return placements

    def _top(self, placements: list[ReviewStill]) -> Photo | None:
        """The lead still, else the first still in the body, else the film's lead still:
        ``Review.listing_photo``'s choice, from the stills this page may show."""
        first = next((p.photo for p in placements if self._shown(p.photo)), None)
        candidates = (self.review.lead_still, first, self.review.film.lead_still)
        return next((photo for photo in candidates if self._shown(photo)), None)

    @cached_property
    def top_still(self) -> Photo | None:
        """The picture on top of the page and on its social card, with its renditions."""
        top = self._top(self.placements)
        if not self.embargoed:
            self.review.__dict__[Review.listing_photo.cache_name] = top  # the JSON-LD's too
        return top

    @cached_property
    def body_parts(self) -> list[BodyPart]:
        """The body's blocks with the stills placed between them (the top still not again)."""
        return lay_out(self.review.body, self.placements, lead=self.top_still)

    @cached_property
    def structured_data(self) -> dict[str, Any]:
        self.film  # noqa: B018 - genres, read by the Movie's data
        self.corrections  # noqa: B018 - for dateModified
        self.top_still  # noqa: B018 - the stills it lists, with the page's choice of lead
        return review_data(self.review, self.credits, self.request)
