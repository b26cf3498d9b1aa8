"""The readers' pages. Every review shown starts from ``Review.objects.published()``."""

from django.db.models import Prefetch, QuerySet
from django.views.generic import DetailView, ListView

from reviews.body import lay_out
from reviews.models import Credit, Critic, Film, Genre, Person, Photo, Review, ReviewStill
from reviews.models.credits import CreditRole

LISTING_PAGE_SIZE = 20


# Stills are drawn from their renditions (reviews/templatetags/stills.py): fetched with
# the page's stills, one query per kind of still, however many stills the page shows.
LISTING_RENDITIONS = ["lead_photo__renditions", "film__lead_still__renditions"]


def published_reviews() -> QuerySet[Review]:
    return (
        Review.objects.published()
        .for_listing()
        .prefetch_related(*LISTING_RENDITIONS)
        .latest_first()
    )


def group_credits(credits: list[Credit]) -> list[tuple[str, list[Credit]]]:
    """Credits in the order a review prints them: director first, cast after the crew."""
    order = [
        CreditRole.DIRECTOR,
        CreditRole.SCREENWRITER,
        CreditRole.CAST,
        CreditRole.PRODUCER,
        CreditRole.CINEMATOGRAPHER,
        CreditRole.EDITOR,
        CreditRole.COMPOSER,
        CreditRole.OTHER,
    ]
    grouped: dict[str, list[Credit]] = {role: [] for role in order}
    for credit in credits:
        grouped[credit.role].append(credit)
    return [(CreditRole(role).label, items) for role, items in grouped.items() if items]


class HomeView(ListView):
    template_name = "reviews/home.html"
    context_object_name = "reviews"
    paginate_by = LISTING_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Review]:
        return published_reviews()


class ReviewDetailView(DetailView):
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def get_queryset(self) -> QuerySet[Review]:
        usable_placements = (
            ReviewStill.objects.filter(photo__in=Photo.objects.usable())
            .select_related("photo")
            .prefetch_related("photo__renditions")
        )
        return (
            Review.objects.published()
            .select_related("film", "critic", "lead_photo", "film__lead_still")
            .prefetch_related(
                Prefetch("placements", queryset=usable_placements),
                "corrections",
                "film__genres",
                *LISTING_RENDITIONS,
                Prefetch("film__credits", queryset=Credit.objects.select_related("person")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        context["film"] = review.film
        context["credits"] = group_credits(list(review.film.credits.all()))
        context["body_parts"] = lay_out(review.body, list(review.placements.all()))
        return context


class FilmDetailView(DetailView):
    template_name = "reviews/film_detail.html"
    context_object_name = "film"

    def get_queryset(self) -> QuerySet[Film]:
        return Film.objects.select_related("lead_still").prefetch_related(
            "genres",
            "lead_still__renditions",
            Prefetch("credits", queryset=Credit.objects.select_related("person")),
            Prefetch(
                "reviews",
                queryset=Review.objects.published().select_related("critic").latest_first(),
                to_attr="published_reviews",
            ),
            Prefetch(
                "stills",
                queryset=Photo.objects.usable().prefetch_related("renditions"),
                to_attr="usable_stills",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["credits"] = group_credits(list(self.object.credits.all()))
        return context


class PersonDetailView(DetailView):
    template_name = "reviews/person_detail.html"
    context_object_name = "person"
    model = Person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        credits = list(
            self.object.credits.select_related("film").order_by(
                "role", "-film__year", "film__title"
            )
        )
        context["filmography"] = group_credits(credits)
        context["reviews"] = list(
            published_reviews().filter(film__credits__person=self.object).distinct()
        )
        return context


class CriticDetailView(DetailView):
    template_name = "reviews/critic_detail.html"
    context_object_name = "critic"
    model = Critic

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviews"] = list(published_reviews().by_critic(self.object)[:50])
        return context


class GenreDetailView(DetailView):
    template_name = "reviews/genre_detail.html"
    context_object_name = "genre"
    model = Genre

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviews"] = list(published_reviews().filter(film__genres=self.object)[:50])
        return context
