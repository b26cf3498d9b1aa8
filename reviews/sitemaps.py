from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from reviews.models import Critic, Film, Person, Review


class ReviewSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self) -> QuerySet[Review]:
        return Review.objects.published().prefetch_related("corrections").order_by("-id")

    def lastmod(self, review: Review):
        return review.modified_at


class FilmSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self) -> QuerySet[Film]:
        return Film.objects.order_by("id")

    def lastmod(self, film: Film):
        return film.updated_at


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = 5000

    def items(self) -> QuerySet[Person]:
        return Person.objects.order_by("id")

    def lastmod(self, person: Person):
        return person.updated_at


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
