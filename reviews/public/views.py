"""The readers' pages. Every review shown starts from ``Review.objects.published()``."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView, TemplateView

from reviews.models import (
    Correction,
    Credit,
    Critic,
    Film,
    Genre,
    Person,
    Photo,
    Review,
    SlugRedirect,
)
from reviews.models.reviews import CARD_JOINS
from reviews.public.caching import Fragments, per_content_version
from reviews.public.cards import listing_cards
from reviews.public.forms import ArchiveFilterForm, filter_context, filters_in
from reviews.public.front import (
    PICKS_SHOWN,
    Front,
    entry_points,
    featured,
    front_of,
    with_pictures,
)
from reviews.public.jsonld import film_data
from reviews.public.pagination import ArchivePaginator
from reviews.public.review_page import ReviewPage, group_credits
from reviews.public.search import search
from reviews.public.trailers import trailer_for

HOME_PAGE_SIZE = 20
ARCHIVE_PAGE_SIZE = 50
#: Reviews shown on a person's page; "All reviews of their films" leads to the archive.
PERSON_REVIEWS_SHOWN = 12


def published_reviews() -> QuerySet[Review]:
    """Published reviews with everything a listing card shows, newest first."""
    return Review.objects.published().for_listing().latest_first()


def credits_prefetch(lookup: str = "credits") -> Prefetch:
    return Prefetch(lookup, queryset=Credit.objects.select_related("person"))


def this_week(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """Monday to Sunday of the week holding ``today``."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


class OldSlugRedirectMixin:
    """Where a detail page finds nothing, redirect permanently to where the object moved."""

    def moved_candidates(self) -> QuerySet:
        """What an old address may lead to (a review: only a published one)."""
        return self.model._default_manager.all()

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            kind = SlugRedirect.kind_of(self.model)
            target = SlugRedirect.objects.moved_to(kind, kwargs.get("slug", ""))
            moved = self.moved_candidates().filter(pk=target).first() if target else None
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.get_absolute_url())


class ArchivePaginationMixin:
    """Deep pages as fast as the first; the count once per content version."""

    paginator_class = ArchivePaginator

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        filters = filters_in(self.request)
        return self.paginator_class(queryset, per_page, orphans, allow_empty_first_page,
                                    count_key=f"{type(self).__name__}?{filters}",
                                    filtered=bool(filters))  # fmt: skip


class HomeView(ArchivePaginationMixin, ListView):
    """The front page: the lead review (the editor's pin, else the newest with a picture), a
    row of the next ones, the films opening this week, the critics' picks, the rest of the
    latest reviews, and the genres and critics to start from. Later pages list reviews only."""

    template_name = "reviews/home.html"
    context_object_name = "reviews"
    paginate_by = HOME_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Review]:
        # The pictures' renditions are fetched once for every list on the page (front.py).
        reviews = Review.objects.published().with_first_still().select_related(*CARD_JOINS)
        return reviews.latest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviews = list(context["reviews"])
        if context["page_obj"].number == 1:
            pinned, picks = featured(Review.objects.published())
            with_pictures(reviews, [pinned] if pinned else [], picks)
            context["front"] = front = front_of(reviews, pinned)
            # The lead is not repeated among the picks under it.
            context["picks"] = [review for review in picks if review != front.lead][:PICKS_SHOWN]
        else:
            with_pictures(reviews)
            context["front"] = front = Front(rest=reviews)
        context["cards"] = listing_cards(
            self.request, (front.row + front.rest, "grid"), (context.get("picks", []), "compact")
        )
        start, end = this_week()
        context["week_start"], context["week_end"] = start, end
        # The strip shows titles and stars only: no critic, no pictures to fetch.
        opening = Review.objects.published().filter(film__release_date__range=(start, end))
        context["this_week"] = list(opening.select_related("film").latest_first()[:8])
        context |= entry_points()
        return context


class ReviewPageView(DetailView):
    """A review as its page shows it: the public page and both previews are built on it, each
    saying which reviews it may show (``get_reviews``).

    The view fetches the review with its film, critic and lead stills; everything else is a
    part of ``page`` (reviews/public/review_page.py), fetched when the template first reads
    it, so the public page's cached fragments (``fragments``) skip those queries."""

    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    model = Review
    #: Whether stills under an embargo are drawn: only in previews, never for readers.
    show_embargoed_stills = False

    #: The page's cached fragments, read together (see templates/reviews/review_detail.html).
    fragment_names = ("social", "jsonld", "header", "main", "facts", "extra")

    def get_reviews(self) -> QuerySet[Review]:
        """The reviews this page may show; staff previews widen it (reviews/public/previews.py)."""
        return Review.objects.published()

    def get_queryset(self) -> QuerySet[Review]:
        return self.get_reviews().for_page_header()

    def get_fragments(self) -> Fragments | None:
        """No fragments: a preview (and staff) always sees its review rendered afresh."""
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        context |= {
            "film": review.film,
            "page": ReviewPage(review, self.request, embargoed=self.show_embargoed_stills),
            "trailer": trailer_for(review.film.trailer_url),
            "fragments": self.get_fragments(),
        }
        return context


class ReviewDetailView(OldSlugRedirectMixin, ReviewPageView):
    """The public page of a published review, which also answers at its old addresses."""

    def moved_candidates(self) -> QuerySet[Review]:
        # A review whose slug changed answers at its old address while it is live.
        return Review.objects.published().only("slug")

    def get_queryset(self) -> QuerySet[Review]:
        if Fragments.allowed(self.request):
            # The critic and the lead stills are read inside the fragments only: a page
            # served from them does not join them (on a miss, each is one query by key).
            return Review.objects.published().select_related("film")
        return super().get_queryset()

    def get_object(self, queryset=None) -> Review:
        """For a reader, the review at this address is kept like the fragments, under the
        content state: a page put together from its fragments reads nothing else."""
        if queryset is not None or not Fragments.allowed(self.request):
            return super().get_object(queryset)
        slug = self.kwargs[self.slug_url_kwarg]
        found = self.get_queryset().filter(slug=slug)
        review = per_content_version(f"review-at:{slug}", found.first)
        if review is None:
            raise Http404("No review is published at this address.")
        return review

    def get_fragments(self) -> Fragments | None:
        """The readers' page keeps its parts in the fragment cache, keyed by the review."""
        return Fragments.for_request(self.request, f"review:{self.object.pk}", self.fragment_names)


class FilmDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "reviews/film_detail.html"
    context_object_name = "film"

    model = Film

    def get_queryset(self) -> QuerySet[Film]:
        return Film.objects.select_related("lead_still", "trailer_poster").prefetch_related(
            "genres",
            "lead_still__renditions",
            "trailer_poster__renditions",
            credits_prefetch(),
            Prefetch(
                "reviews",
                queryset=Review.objects.published().select_related("critic").latest_first(),
                to_attr="published_reviews",
            ),
            Prefetch(
                "stills",
                queryset=Photo.objects.public().prefetch_related("renditions"),
                to_attr="usable_stills",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        lead = film.lead_still if film.lead_still and film.lead_still.is_public else None
        credits = list(film.credits.all())
        context |= {
            "credits": group_credits(credits),
            "structured_data": film_data(film, credits, self.request, image=lead),
            "lead_still": lead,
            "social_photo": lead,
            "trailer": trailer_for(film.trailer_url),
        }
        return context


class PersonDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "reviews/person_detail.html"
    context_object_name = "person"
    model = Person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        credits = self.object.credits.select_related("film").order_by(
            "role", "-film__year", "film__title"
        )
        context["filmography"] = group_credits(list(credits), by_count=False)
        # The latest reviews of their films as cards; the archive lists them all.
        reviews = published_reviews().of_films_with(self.object)
        context["reviews"] = list(reviews[:PERSON_REVIEWS_SHOWN])
        context["cards"] = listing_cards(self.request, (context["reviews"], "grid"))
        if len(context["reviews"]) == PERSON_REVIEWS_SHOWN:
            context["reviews_count"] = reviews.count()
        return context


class LatestReviewsOfView(DetailView):
    """A page about one object that lists its latest published reviews."""

    def reviews_of(self, reviews: QuerySet[Review]) -> QuerySet[Review]:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviews = list(self.reviews_of(published_reviews())[:ARCHIVE_PAGE_SIZE])
        context["reviews"] = reviews
        context["front"] = front = front_of(reviews)
        context["cards"] = listing_cards(self.request, (front.row + front.rest, "grid"))
        return context


class CriticDetailView(LatestReviewsOfView):
    template_name = "reviews/critic_detail.html"
    context_object_name = "critic"
    model = Critic

    def reviews_of(self, reviews: QuerySet[Review]) -> QuerySet[Review]:
        return reviews.by_critic(self.object)


class GenreDetailView(LatestReviewsOfView):
    template_name = "reviews/genre_detail.html"
    context_object_name = "genre"
    model = Genre

    def reviews_of(self, reviews: QuerySet[Review]) -> QuerySet[Review]:
        return reviews.filter(film__genres=self.object)


def archive_years() -> list[int]:
    """The years of films with published reviews, newest first, for the archive's filter."""
    years = (
        Review.objects.published()
        .exclude(film__year=None)
        .order_by("-film__year")
        .values_list("film__year", flat=True)
        .distinct()
    )
    return per_content_version("archive-years", lambda: list(years))


class ArchiveView(ArchivePaginationMixin, ListView):
    """All published reviews, filtered by genre, MPAA rating, stars and year; paginated."""

    template_name = "reviews/archive.html"
    context_object_name = "reviews"
    paginate_by = ARCHIVE_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Review]:
        self.form = ArchiveFilterForm(self.request.GET or None, years=archive_years())
        return self.form.filter(published_reviews())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["person"] = self.form.chosen().get("person")
        context["cards"] = listing_cards(self.request, (context["reviews"], "grid"))
        context |= filter_context(self.request)
        return context


class CorrectionListView(ListView):
    """Every correction and clarification of a published review whose date has come,
    newest first."""

    template_name = "reviews/corrections.html"
    context_object_name = "corrections"
    paginate_by = ARCHIVE_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Correction]:
        return Correction.objects.public()


class SearchView(TemplateView):
    template_name = "reviews/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results"] = search(self.request.GET.get("q"))
        return context


@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
