"""Films and genres: what the database refuses, and how a film reads."""

import datetime

import pytest
from django.db import transaction

from reviews.models import Film
from tests import factories
from tests.helpers import refused

pytestmark = pytest.mark.django_db


class TestFilm:
    def test_reads_as_title_and_year_and_lives_at_its_slug(self):
        film = factories.FilmFactory(title="La La Land", slug="la-la-land")
        assert str(film) == "La La Land (2016)"
        assert film.get_absolute_url() == "/films/la-la-land/"

    def test_year_is_taken_from_release_date(self):
        film = factories.FilmFactory(release_date=datetime.date(2016, 12, 9), year=None)
        assert film.year == 2016

    def test_running_time_reads_like_print(self):
        assert factories.FilmFactory(running_time=128).running_time_display == "128 minutes"
        assert factories.FilmFactory(running_time=None).running_time_display == ""

    def test_running_time_must_be_positive(self):
        with refused(), transaction.atomic():
            factories.FilmFactory(running_time=0)

    def test_unknown_mpaa_rating_is_refused(self):
        with refused(), transaction.atomic():
            factories.FilmFactory(mpaa_rating="X")

    def test_slug_is_unique(self):
        factories.FilmFactory(slug="same")
        with refused(), transaction.atomic():
            factories.FilmFactory(slug="same")


def test_film_without_a_year_reads_as_its_title():
    assert str(Film(title="Untitled")) == "Untitled"
