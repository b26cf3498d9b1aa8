"""Fixtures of the admin's tests: a little of everything, and two records of one person."""

import pytest

from reviews.models import Critic, Film, Genre, Person, Photo, Review
from tests import factories


@pytest.fixture
def content(critic_user):
    """One published review with all it holds, keyed by model."""
    review = factories.ReviewFactory(published=True)
    factories.ReviewStillFactory(review=review)
    factories.CorrectionFactory(review=review)
    factories.CreditFactory(film=review.film)
    review.film.genres.add(factories.GenreFactory())
    return {
        Review: review,
        Film: review.film,
        Person: review.film.credits.first().person,
        Photo: factories.PhotoFactory(film=review.film),
        Critic: review.critic,
        Genre: review.film.genres.first(),
    }


@pytest.fixture
def people_to_merge():
    keep = factories.PersonFactory(name="J.K. Simmons", slug="jk-simmons")
    duplicate = factories.PersonFactory(name="JK Simmons", slug="jk-simmons-2")
    factories.CreditFactory(person=keep)
    factories.CreditFactory(person=duplicate)
    return keep, duplicate
