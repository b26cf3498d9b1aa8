"""The sitemap: an index of sections, each of at most ``limit`` addresses, with lastmod.

At 100,000 reviews a single sitemap is megabytes and seconds; search engines take an index
(``/sitemap.xml``) of sections (``/sitemap-reviews.xml?p=2``). Each section reads only the
columns it prints, and each kind's latest change for the index is one aggregate.
"""

import datetime
import functools

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse

from reviews.models import Correction, Critic, Film, Person, Review
from reviews.public.caching import per_content_version
from reviews.public.pagination import ArchivePaginator

#: Addresses per section page: well under the protocol's 50,000, so a page renders in a
#: fraction of a second.
SECTION_SIZE = 1000


@functools.cache
def _address_template(url_name: str) -> str:
    return reverse(url_name, args=["SLUG"])


def address(url_name: str, slug: str) -> str:
    """An object's address, the pattern reversed once rather than once per entry."""
    return _address_template(url_name).replace("SLUG", slug)


class LatestChangeCached:
    """Each kind's latest change is computed once per content state (the index asks it), and
    its sections are paged as the archive is: counted once per state, deep pages by id."""

    @property
    def paginator(self) -> ArchivePaginator:
        return ArchivePaginator(self._items(), self.limit, count_key=type(self).__name__)

    def get_latest_lastmod(self) -> datetime.datetime | None:
        name = f"sitemap-lastmod:{type(self).__name__}"
        return per_content_version(name, self.latest_change)

    def latest_change(self) -> datetime.datetime | None:
        raise NotImplementedError


class ReviewSitemap(LatestChangeCached, Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = SECTION_SIZE

    def items(self) -> QuerySet[Review]:
        # Only corrections whose date has come: one stored ahead waits for it.
        latest_correction = (
            Correction.objects.due()
            .filter(review=OuterRef("pk"))
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return (
            Review.objects.published()
            .only("slug", "published_at", "updated_at")
            .annotate(corrected_at=Subquery(latest_correction))
            .latest_first()
        )

    def location(self, review: Review) -> str:
        return address("reviews:review-detail", review.slug)

    def lastmod(self, review: Review) -> datetime.datetime | None:
        times = [review.published_at, review.updated_at, review.corrected_at]
        return max((t for t in times if t is not None), default=None)

    def latest_change(self) -> datetime.datetime | None:
        live = Review.objects.published()
        saved = live.aggregate(at=Max(Greatest("published_at", "updated_at")))["at"]
        corrections = Correction.objects.due().filter(review__in=live)
        corrected = corrections.aggregate(at=Max("published_at"))
        times = [saved, corrected["at"]]
        return max((t for t in times if t is not None), default=None)


class UpdatedAtSitemap(LatestChangeCached, Sitemap):
    """Objects whose last change is their ``updated_at``."""

    limit = SECTION_SIZE
    model: type[Film] | type[Person]

    url_name: str

    def location(self, obj: Film | Person) -> str:
        return address(self.url_name, obj.slug)

    def items(self) -> QuerySet:
        return self.model.objects.only("slug", "updated_at").order_by("id")

    def lastmod(self, obj: Film | Person) -> datetime.datetime:
        return obj.updated_at

    def latest_change(self) -> datetime.datetime | None:
        return self.model.objects.aggregate(at=Max("updated_at"))["at"]


class FilmSitemap(UpdatedAtSitemap):
    changefreq = "weekly"
    priority = 0.6
    model = Film
    url_name = "reviews:film-detail"


class PersonSitemap(UpdatedAtSitemap):
    changefreq = "monthly"
    priority = 0.4
    model = Person
    url_name = "reviews:person-detail"


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
