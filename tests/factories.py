import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from reviews.models import (
    Correction,
    Credit,
    CreditRole,
    Critic,
    Film,
    Genre,
    Person,
    Photo,
    Review,
)
from reviews.models.reviews import ReviewStatus, ReviewStill


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("a-long-test-password")


class GenreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Genre
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Genre {n}")
    slug = factory.Sequence(lambda n: f"genre-{n}")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.django.ImageField(width=64, height=36, format="JPEG", color="navy")
    caption = factory.Sequence(lambda n: f"Caption of still {n}.")
    credit_line = "Dale Robinette/Lionsgate"
    alt_text = "Two people on a hillside at dusk."
    rights_holder = "Lionsgate"


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film

    title = factory.Sequence(lambda n: f"Film {n}")
    slug = factory.Sequence(lambda n: f"film-{n}")
    release_date = datetime.date(2016, 12, 9)
    mpaa_rating = "PG-13"
    running_time = 128
    content_advisory = "Contains some obscenity"
    where_playing = "At area theaters"
    distributor = "Lionsgate"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    film = factory.SubFactory(FilmFactory)
    person = factory.SubFactory(PersonFactory)
    role = CreditRole.CAST
    character = factory.Sequence(lambda n: f"Character {n}")


class CriticFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Critic

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Critic {n}")
    slug = factory.Sequence(lambda n: f"critic-{n}")


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    film = factory.SubFactory(FilmFactory)
    critic = factory.SubFactory(CriticFactory)
    headline = factory.Sequence(lambda n: f"Headline {n}")
    slug = factory.Sequence(lambda n: f"review-{n}")
    body = "<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>"
    rating = Decimal("3.5")
    status = ReviewStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=ReviewStatus.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)),
        )
        #: All that publication needs (workflow.publication_problems): a lead still too.
        complete = factory.Trait(lead_still=factory.SubFactory(PhotoFactory))


class ReviewStillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewStill

    review = factory.SubFactory(ReviewFactory)
    photo = factory.SubFactory(PhotoFactory)
    after_paragraph = 1


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    review = factory.SubFactory(ReviewFactory, published=True)
    text = "An earlier version of this review misstated the running time."
