"""Listing cards (home, archive, genre, critic and person pages), each card's HTML kept in
the fragment cache under the content state and read for the whole page in one round trip.

A card costs about half a millisecond to render (its picture, stars and byline), so a page
of fifty spent more on its cards than on its queries. Staff, and readers with fragment
caching off, get every card rendered afresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.safestring import SafeString

from reviews.models import Review
from reviews.public.caching import Fragments

CARD_TEMPLATE = "reviews/includes/review_card.html"

#: The ``sizes`` of a card's picture in each kind of list: the grid, and the home page's
#: narrower row of critics' picks.
CARD_SIZES = {
    "grid": "(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw",
    "compact": "(min-width: 64rem) 16rem, (min-width: 40rem) 45vw, 100vw",
}


def card_name(review: Review, kind: str) -> str:
    return f"card:{review.pk}:{kind}"


def listing_cards(request: HttpRequest, *lists: tuple[Iterable[Review], str]) -> Fragments | None:
    """The cached cards of a page's lists, each given with its kind of card: the view puts
    it in the context as ``cards`` for ``{% card %}``."""
    names = tuple(card_name(review, kind) for reviews, kind in lists for review in reviews)
    return Fragments.for_request(request, "cards", names)


def render_card(review: Review, kind: str) -> SafeString:
    return get_template(CARD_TEMPLATE).render({"review": review, "card_sizes": CARD_SIZES[kind]})


def card_html(cards: Fragments | None, review: Review, kind: str) -> SafeString:
    """``review``'s card from ``cards`` when it holds it, else rendered (and kept)."""
    if cards is None:
        return render_card(review, kind)
    html = cards.get_or_render(card_name(review, kind), lambda: render_card(review, kind))
    return SafeString(html)
