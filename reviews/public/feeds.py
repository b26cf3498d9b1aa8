"""RSS 2.0 and Atom feeds of the latest published reviews (all, per critic, per genre) and
of the latest corrections.

Feed readers render an RSS ``<description>`` and an Atom ``<summary type="html">`` as
HTML. What goes there is made of plain-text fields (dek, film title, corrections), so it
is escaped: a dek typed as ``<img onerror=...>`` reaches the reader as words, not as a tag.
Titles, author names and the Atom subtitle are text elements and are left as they are.
"""

import datetime
import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.formats import date_format
from django.utils.html import escape

from reviews.models import Correction, Critic, Genre, Review

FEED_SIZE = 30


def correction_line(correction: Correction) -> str:
    """A correction as a feed prints it, kind and date first:
    "Correction (December 3, 2026): An earlier version ..."."""
    day = date_format(timezone.localtime(correction.published_at), "F j, Y")
    return f"{correction.get_kind_display()} ({day}): {correction.text}"


@dataclass
class FeedSource:
    request: HttpRequest
    critic: Critic | None = None
    genre: Genre | None = None


class LatestReviewsFeed(Feed):
    description_template = None

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedSource:
        return FeedSource(request=request)

    def title(self, source: FeedSource) -> str:
        if source.critic:
            return f"{settings.SITE_NAME}: reviews by {source.critic.name}"
        if source.genre:
            return f"{settings.SITE_NAME}: {source.genre.name} reviews"
        return f"{settings.SITE_NAME}: latest film reviews"

    def link(self, source: FeedSource) -> str:
        if source.critic:
            return source.critic.get_absolute_url()
        if source.genre:
            return source.genre.get_absolute_url()
        return reverse("reviews:home")

    def description(self, source: FeedSource) -> str:
        """The RSS channel's description, which readers take as HTML: the title, escaped."""
        return escape(self.title(source))

    def subtitle(self, source: FeedSource) -> str:
        """The Atom feed's subtitle: a text construct, so the title as it is."""
        return self.title(source)

    def items(self, source: FeedSource) -> list[Review]:
        reviews = Review.objects.published().for_feed().latest_first()
        if source.critic:
            reviews = reviews.by_critic(source.critic)
        if source.genre:
            reviews = reviews.filter(film__genres=source.genre)
        items = list(reviews[:FEED_SIZE])
        for review in items:
            review.feed_request = source.request
        return items

    def item_title(self, review: Review) -> str:
        return review.headline

    def item_description(self, review: Review) -> str:
        """The dek, the film's facts and the corrections, as escaped HTML (see above)."""
        film = review.film
        facts = [f"{film.title} ({film.year})" if film.year else film.title, review.stars_text]
        if film.mpaa_rating:
            facts.append(f"Rated {film.get_mpaa_rating_display()}")
        if film.running_time:
            facts.append(film.running_time_display)
        summary = ". ".join(facts) + "."
        text = f"{review.dek} {summary}" if review.dek else summary
        for correction in review.due_corrections:
            text += f" {correction_line(correction)}"
        return escape(text)

    def item_link(self, review: Review) -> str:
        return review.get_absolute_url()

    def item_guid(self, review: Review) -> str:
        return f"review-{review.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, review: Review) -> str:
        return review.critic.name

    def item_author_link(self, review: Review) -> str:
        return review.feed_request.build_absolute_uri(review.critic.get_absolute_url())

    def item_pubdate(self, review: Review) -> datetime.datetime | None:
        return review.published_at

    def item_updateddate(self, review: Review) -> datetime.datetime | None:
        return review.modified_at

    def item_categories(self, review: Review) -> list[str]:
        return [genre.name for genre in review.film.genres.all()]

    def item_enclosures(self, review: Review) -> list[Enclosure]:
        photo = review.listing_photo
        if photo is None:
            return []
        try:
            length = photo.image.size
        except OSError:
            return []
        mime = mimetypes.guess_type(photo.image.name)[0] or "image/jpeg"
        url = review.feed_request.build_absolute_uri(photo.image.url)
        return [Enclosure(url, str(length), mime)]


class CriticFeed(LatestReviewsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> FeedSource:
        return FeedSource(request=request, critic=get_object_or_404(Critic, slug=slug))


class GenreFeed(LatestReviewsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> FeedSource:
        return FeedSource(request=request, genre=get_object_or_404(Genre, slug=slug))


class LatestReviewsAtomFeed(LatestReviewsFeed):
    """The Atom 1.0 twin of the RSS feed: the same entries, the title as subtitle."""

    feed_type = Atom1Feed


class CriticAtomFeed(CriticFeed):
    """The Atom 1.0 twin of a critic's RSS feed."""

    feed_type = Atom1Feed


class GenreAtomFeed(GenreFeed):
    """The Atom 1.0 twin of a genre's RSS feed."""

    feed_type = Atom1Feed


class CorrectionsFeed(Feed):
    """The latest corrections and clarifications of published reviews, newest first: only
    those whose date has come (``Correction.objects.public()``)."""

    description_template = None

    def title(self) -> str:
        return f"{settings.SITE_NAME}: corrections"

    def link(self) -> str:
        return reverse("reviews:corrections")

    def description(self) -> str:
        return escape(self.title())

    def subtitle(self) -> str:
        return self.title()

    def items(self) -> list[Correction]:
        return list(Correction.objects.public()[:FEED_SIZE])

    def item_title(self, correction: Correction) -> str:
        return f"{correction.get_kind_display()}: {correction.review.headline}"

    def item_description(self, correction: Correction) -> str:
        return escape(correction_line(correction))

    def item_link(self, correction: Correction) -> str:
        return correction.get_absolute_url()

    def item_guid(self, correction: Correction) -> str:
        return f"correction-{correction.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, correction: Correction) -> datetime.datetime:
        return correction.published_at

    def item_updateddate(self, correction: Correction) -> datetime.datetime:
        return correction.published_at


class CorrectionsAtomFeed(CorrectionsFeed):
    """The Atom 1.0 twin of the corrections feed."""

    feed_type = Atom1Feed
