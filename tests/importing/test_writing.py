"""Matching rows to films and people and writing them in batches: twice is once, and what
a file knows better updates what it does not erase."""

import datetime

import pytest
from django.db import IntegrityError

from reviews.importing import import_films
from reviews.importing.reading import RawRow
from reviews.importing.writing import FilmWriter
from reviews.models import Credit, CreditRole, Film, Genre, Person
from tests import factories
from tests.helpers import LA_LA_LAND_ROW, csv_file, run_import

pytestmark = pytest.mark.django_db


def test_csv_creates_film_with_genres_people_and_credits(tmp_path):
    output = run_import(tmp_path, csv_file(LA_LA_LAND_ROW))

    assert "films.csv: created 1, updated 0, unchanged 0, rejected 0" in output
    film = Film.objects.get()
    assert (film.title, film.slug, film.year, film.release_date) == (
        "La La Land",
        "la-la-land",
        2016,
        datetime.date(2016, 12, 9),
    )
    assert (film.mpaa_rating, film.running_time, film.distributor, film.external_id) == (
        "PG-13",
        128,
        "Lionsgate",
        "tt3783958",
    )
    assert sorted(film.genres.values_list("name", flat=True)) == ["Drama", "Musical"]
    credits = {(c.person.name, c.role, c.character, c.billing) for c in film.credits.all()}
    assert credits == {
        ("Damien Chazelle", CreditRole.DIRECTOR, "", 1),
        ("Emma Stone", CreditRole.CAST, "Mia", 1),
        ("Ryan Gosling", CreditRole.CAST, "Sebastian", 2),
    }


def test_people_are_matched_by_the_slug_of_their_name(tmp_path):
    stone = factories.PersonFactory(name="Emma Stone", slug="emma-stone")

    run_import(tmp_path, csv_file(LA_LA_LAND_ROW))

    assert Person.objects.filter(name__icontains="stone").get() == stone
    assert stone.credits.get().character == "Mia"


def test_bad_rows_never_abort_good_ones(tmp_path):
    content = csv_file(
        "Moonlight,2016,111",
        "Broken,someday soon,111",
        "Arrival,2016,116",
        header="title,release_date,running_time",
    )

    output = run_import(tmp_path, content)

    assert 'row 3: rejected: release_date: cannot read "someday soon" as a date' in output
    assert "created 2, updated 0, unchanged 0, rejected 1" in output
    assert sorted(Film.objects.values_list("title", flat=True)) == ["Arrival", "Moonlight"]


def test_duplicated_rows_make_one_film(tmp_path):
    output = run_import(tmp_path, csv_file(LA_LA_LAND_ROW, LA_LA_LAND_ROW))

    assert 'row 2: created "La La Land" (2016)' in output
    assert 'row 3: unchanged "La La Land" (2016); same film as row 2' in output
    assert Film.objects.count() == 1
    assert Credit.objects.count() == 3


# Idempotence, updates, dry runs ----------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    content = csv_file(LA_LA_LAND_ROW, "Moonlight,2016,R,111 min,A24,Drama,Barry Jenkins,,")
    run_import(tmp_path, content)
    before = list(Film.objects.values_list("id", "updated_at"))
    counts = (Person.objects.count(), Credit.objects.count(), Genre.objects.count())

    output = run_import(tmp_path, content)

    assert "created 0, updated 0, unchanged 2, rejected 0" in output
    assert list(Film.objects.values_list("id", "updated_at")) == before
    assert (Person.objects.count(), Credit.objects.count(), Genre.objects.count()) == counts


def test_a_second_file_updates_what_it_knows_better(tmp_path):
    run_import(tmp_path, "title,year,cast\nLa La Land,2016,Emma Stone; John Legend\n")
    better = (
        "title,release_date,running_time,cast,genres\n"
        'La La Land,2016-12-09,2h 8m,"Emma Stone as Mia; Ryan Gosling as Sebastian",Musical\n'
    )

    output = run_import(tmp_path, better)

    assert (
        'row 2: updated "La La Land" (2016): release_date, running_time, genres +1, cast +1, '
        "characters +1"
    ) in output
    film = Film.objects.get()
    assert (film.release_date, film.running_time) == (datetime.date(2016, 12, 9), 128)
    cast = sorted(film.credits.values_list("person__name", "character"))
    assert cast == [("Emma Stone", "Mia"), ("John Legend", ""), ("Ryan Gosling", "Sebastian")]


def test_films_are_matched_by_external_id_before_title(tmp_path):
    film = factories.FilmFactory(title="La La Land", slug="la-la-land", external_id="tt3783958")

    output = run_import(tmp_path, "title,year,imdb_id\nLa La Land (re-release),2016,tt3783958\n")

    assert 'row 2: updated "La La Land (re-release)" (2016): title' in output
    film.refresh_from_db()
    assert film.title == "La La Land (re-release)"


def test_a_film_with_another_external_id_is_another_film(tmp_path):
    factories.FilmFactory(title="Solaris", slug="solaris", external_id="tt0069293")

    run_import(tmp_path, "title,release_date,external_id\nSolaris,2016-11-27,tt0307479\n")

    assert sorted(Film.objects.values_list("slug", flat=True)) == ["solaris", "solaris-2016"]


def test_a_title_without_year_naming_two_films_is_rejected(tmp_path):
    factories.FilmFactory(title="Solaris", slug="solaris", release_date=datetime.date(1972, 3, 20))
    factories.FilmFactory(
        title="Solaris", slug="solaris-2002", release_date=datetime.date(2002, 11, 27)
    )

    output = run_import(tmp_path, "title,running_time\nSolaris,167\n")

    assert (
        'row 2: rejected: title: several films are called "Solaris"; give a year or an external_id'
    ) in output


def test_two_films_of_one_title_and_year_need_an_external_id(tmp_path):
    factories.FilmFactory(title="Twins", slug="twins-a", release_date=datetime.date(2016, 1, 1))
    factories.FilmFactory(title="Twins", slug="twins-b", release_date=datetime.date(2016, 5, 1))

    output = run_import(tmp_path, "title,year,running_time\nTwins,2016,90\n")

    assert (
        'row 2: rejected: title: several films are called "Twins" (2016); give an external_id'
        in output
    )


def test_dry_run_writes_nothing(tmp_path):
    output = run_import(tmp_path, csv_file(LA_LA_LAND_ROW), "films.csv", "--dry-run")

    assert "created 1, updated 0, unchanged 0, rejected 0 (dry run: nothing was written)" in output
    assert not Film.objects.exists()
    assert not Person.objects.exists()
    assert not Genre.objects.exists()


# Batches and scale -----------------------------------------------------------------------


def test_batches_cost_a_fixed_number_of_queries(django_assert_max_num_queries):
    rows = [f"Film {n},2016,R,90,A24,Drama,Director {n},Actor {n} as Part {n}" for n in range(60)]
    content = csv_file(
        *rows, header="title,year,mpaa_rating,running_time,distributor,genres,directors,cast"
    ).encode()

    with django_assert_max_num_queries(20):
        report = import_films(content, "films.csv", batch_size=100)

    assert report.counts["created"] == 60
    assert Credit.objects.count() == 120


def test_a_row_the_database_refuses_is_rejected_alone(monkeypatch):
    """Should the database refuse a batch, its rows are retried one by one."""
    original = Film.objects.bulk_create

    def refuse_doomed(films, *args, **kwargs):
        if any(film.title == "Doomed" for film in films):
            raise IntegrityError("simulated refusal")
        return original(films, *args, **kwargs)

    monkeypatch.setattr(Film.objects, "bulk_create", refuse_doomed)
    content = csv_file("Moonlight,2016", "Doomed,2016", "Arrival,2016", header="title,year")

    report = import_films(content.encode(), "films.csv", batch_size=10)

    assert [r.line() for r in report.rows] == [
        'row 2: created "Moonlight" (2016)',
        "row 3: rejected: the database refused the row: simulated refusal",
        'row 4: created "Arrival" (2016)',
    ]
    assert sorted(Film.objects.values_list("title", flat=True)) == ["Arrival", "Moonlight"]


def test_progress_is_reported_batch_by_batch():
    content = csv_file(*[f"Film {n},2016" for n in range(5)], header="title,year").encode()
    heard = []

    import_films(content, "f.csv", batch_size=2, on_start=heard.append, progress=heard.append)

    assert heard == [5, 2, 2, 1]


def test_people_added_during_an_import_are_recognised():
    """A person added after the importer read the people (by an editor, say) is found."""
    writer = FilmWriter()
    film = factories.FilmFactory(title="Moonlight", slug="moonlight", release_date=None, year=2016)
    factories.CreditFactory(
        film=film,
        person=factories.PersonFactory(name="Barry Jenkins", slug="barry-jenkins"),
        role=CreditRole.DIRECTOR,
        character="",
    )
    writer.by_title["moonlight"].append(film)

    results = writer.write(
        [RawRow(2, {"title": "Moonlight", "year": "2016", "directors": "Barry Jenkins"})]
    )

    assert [r.line() for r in results] == ['row 2: unchanged "Moonlight" (2016)']
