"""The front of a listing: which review leads, the row under it, the sections of the home page.

The home page, the genre pages and the critics' pages share these parts (and their templates,
``reviews/includes/lead.html`` and ``review_card.html``), so a lead looks the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models import prefetch_related_objects as prefetch

from reviews.models import Critic, Genre, Review
from reviews.models.reviews import CARD_JOINS, CARD_PICTURE
from reviews.public.caching import per_content_version

#: Cards in the row under the lead; critics' picks shown on the home page.
ROW_SIZE = 3
PICKS_SHOWN = 4


@dataclass
class Front:
    """A listing laid out as a front: the lead, the row of next reviews, then the rest."""

    lead: Review | None = None
    row: list[Review] = field(default_factory=list)
    rest: list[Review] = field(default_factory=list)


def choose_lead(reviews: list[Review], pinned: Review | None = None) -> Review | None:
    """The review that leads: the editor's pin (already known to be published), else the
    newest review with a picture a page may show, else the newest."""
    if pinned is not None:
        return pinned
    with_picture = (review for review in reviews if review.listing_photo is not None)
    return next(with_picture, reviews[0] if reviews else None)


def front_of(reviews: list[Review], pinned: Review | None = None) -> Front:
    """``reviews`` (newest first) as a front: the lead, the next ``ROW_SIZE``, the rest."""
    lead = choose_lead(reviews, pinned)
    others = [review for review in reviews if lead is None or review.pk != lead.pk]
    return Front(lead=lead, row=others[:ROW_SIZE], rest=others[ROW_SIZE:])


def featured(reviews: QuerySet[Review]) -> tuple[Review | None, list[Review]]:
    """The pinned review and the latest critic's picks, in one query (``reviews`` is the
    published queryset, so a pinned draft never leads). Renditions are left to the caller."""
    chosen = list(
        reviews.filter(Q(pinned=True) | Q(critics_pick=True))
        .with_first_still()
        .select_related(*CARD_JOINS)
        .order_by("-pinned", "-published_at", "-id")[: PICKS_SHOWN + 2]
    )
    pinned = chosen[0] if chosen and chosen[0].pinned else None
    # One more pick than shown, in case the lead is one of them.
    picks = [review for review in chosen if review.critics_pick][: PICKS_SHOWN + 1]
    return pinned, picks


def with_pictures(*lists: list[Review]) -> None:
    """Fetch every card's picture (``Review.listing_photo``: the lead still, else the first
    body still, else the film's) and its renditions, for all the reviews in ``lists`` at
    once, however many lists and reviews; those a listing fetched already are skipped."""
    prefetch([review for reviews in lists for review in reviews], *CARD_PICTURE)


@dataclass(frozen=True)
class EntryPoint:
    """A link into the site from the home page: a genre or a critic, with its review count."""

    name: str
    url: str
    count: int


def _entry_points() -> dict[str, list[EntryPoint]]:
    """Two counts grouped in the database, read from the index of live reviews (a review
    counts once for each genre of its film); at 100,000 reviews about 0.1 s, once per
    content state, where counting through the genres' and critics' joins took seconds."""
    live = Review.objects.published()
    genres = (
        live.filter(film__genres__isnull=False)
        .values_list("film__genres__name", "film__genres__slug")
        .annotate(n=Count("pk"))
        .order_by("film__genres__name")
    )
    critics = (
        live.values_list("critic__name", "critic__slug")
        .annotate(n=Count("pk"))
        .order_by("critic__name")
    )
    return {
        "genres": [EntryPoint(name, Genre(slug=slug).get_absolute_url(), n)
                   for name, slug, n in genres],
        "critics": [EntryPoint(name, Critic(slug=slug).get_absolute_url(), n)
                    for name, slug, n in critics],
    }  # fmt: skip


def entry_points() -> dict[str, list[EntryPoint]]:
    """Genres and critics with published reviews (names, addresses, counts), cached until the
    content changes."""
    return per_content_version("entry-points", _entry_points)
