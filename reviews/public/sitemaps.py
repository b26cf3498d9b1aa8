import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from reviews.models import Critic, Film, Person, Review


class ReviewSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self) -> QuerySet[Review]:
        return Review.objects.published().prefetch_related("corrections").order_by("-id")

    def lastmod(self, review: Review) -> datetime.datetime | None:
        return review.modified_at


class UpdatedAtSitemap(Sitemap):
    """Objects whose last change is their ``updated_at``."""

    limit = 5000

    def lastmod(self, obj: Film | Person) -> datetime.datetime:
        return obj.updated_at


class FilmSitemap(UpdatedAtSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Film]:
        return Film.objects.order_by("id")


class PersonSitemap(UpdatedAtSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self) -> QuerySet[Person]:
        return Person.objects.order_by("id")


class CriticSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet[Critic]:
        return Critic.objects.order_by("id")


SITEMAPS = {
    "reviews": ReviewSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "critics": CriticSitemap,
}
