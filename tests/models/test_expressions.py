"""``Review.objects.of_films()``: the reviews of some films, found from the films' ids."""

import pytest
from django.db import connection

from reviews.models import Film, Review
from tests import factories

pytestmark = pytest.mark.django_db


def test_of_films_finds_the_reviews_a_join_finds_each_once():
    old = [factories.FilmFactory(year=1980) for _ in range(3)]
    factories.FilmFactory(year=2024)
    for film in old:
        factories.ReviewFactory.create_batch(2, film=film, published=True)
    factories.ReviewFactory(film=old[0])  # a draft: published() still rules
    factories.ReviewFactory(film__year=2024, published=True)

    found = Review.objects.published().of_films(Film.objects.filter(year=1980))

    joined = Review.objects.published().filter(film__year=1980)
    assert sorted(found.values_list("pk", flat=True)) == sorted(joined.values_list("pk", flat=True))
    assert found.count() == 6


def test_of_films_on_postgresql_reads_the_films_ids_first():
    sql = str(Review.objects.of_films(Film.objects.filter(year=1980)).query)
    if connection.vendor == "postgresql":
        # The films' ids as an array computed once, then looked up by the reviews' film
        # index: the planner cannot walk the newest-first listing row by row instead.
        assert '"reviews_review"."film_id" = ANY(ARRAY(SELECT' in sql
    else:
        assert '"reviews_review"."film_id" IN (SELECT' in sql
