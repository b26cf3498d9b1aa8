"""From raw values to a film record the writer can trust.

Dates, ratings and running times are read tolerantly; an empty value never erases; a value
that cannot be read rejects its row with the field named.
"""

import datetime
import json

import pytest

from reviews.models import Film
from tests.helpers import LA_LA_LAND_ROW, csv_file, run_import

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "date", "year"),
    [
        ("2016-12-09", datetime.date(2016, 12, 9), 2016),
        ("Dec 09 2016", datetime.date(2016, 12, 9), 2016),
        ("9 December 2016", datetime.date(2016, 12, 9), 2016),
        ("12/09/2016", datetime.date(2016, 12, 9), 2016),
        ("2016", None, 2016),
        ("December 2016", None, 2016),
    ],
)
def test_release_dates_are_read_tolerantly(tmp_path, value, date, year):
    run_import(tmp_path, csv_file(f"Moonlight,{value}", header="title,release_date"))

    film = Film.objects.get()
    assert (film.release_date, film.year) == (date, year)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("PG-13", "PG-13"),
        ("pg13", "PG-13"),
        ("Rated R", "R"),
        ("NC-17", "NC-17"),
        ("Not Rated", "NR"),
        ("NR", "NR"),
        ("Unrated", "NR"),
        ("G", "G"),
    ],
)
def test_mpaa_ratings_are_normalised_to_our_choices(tmp_path, value, expected):
    run_import(tmp_path, csv_file(f"Moonlight,{value}", header="title,mpaa_rating"))

    assert Film.objects.get().mpaa_rating == expected


def test_unknown_mpaa_rating_is_reported_and_the_film_still_imported(tmp_path):
    output = run_import(tmp_path, csv_file("Moonlight,2016,TV-MA", header="title,year,mpaa_rating"))

    assert (
        'row 2: created "Moonlight" (2016); mpaa_rating: unknown rating "TV-MA" left out '
        "(known: G, PG, PG-13, R, NC-17, Not Rated)"
    ) in output
    assert Film.objects.get().mpaa_rating == ""


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("128", 128),
        ("128 min", 128),
        ("2h 8m", 128),
        ("2 hr 8 min", 128),
        ("2:08", 128),
        ("PT2H8M", 128),
        ("128.0", 128),
        ("2h", 120),
    ],
)
def test_running_times_are_read_as_minutes(tmp_path, value, minutes):
    run_import(tmp_path, csv_file(f"Moonlight,{value}", header="title,running_time"))

    assert Film.objects.get().running_time == minutes


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Moonlight,32/13/2016,", 'release_date: cannot read "32/13/2016" as a date'),
        ("Moonlight,2016-02-30,", 'release_date: "2016-02-30" is not a date'),
        ("Moonlight,1066,", "release_date: 1066 is not a plausible year (1870 to 2200)"),
        (
            "Moonlight,2016,about two hours",
            'running_time: cannot read "about two hours" as minutes',
        ),
        ("Moonlight,2016,0", "running_time: must be more than 0 minutes, not 0"),
        (",2016,111", "title: missing"),
        ("x" * 201 + ",2016,111", "title: longer than 200 characters (201)"),
    ],
)
def test_unreadable_values_reject_their_row_with_the_field_and_reason(tmp_path, row, reason):
    output = run_import(tmp_path, csv_file(row, header="title,release_date,running_time"))

    assert f"row 2: rejected: {reason}" in output
    assert not Film.objects.exists()


def test_empty_values_are_unknown_and_never_erase(tmp_path):
    run_import(tmp_path, csv_file(LA_LA_LAND_ROW))

    output = run_import(tmp_path, csv_file("La La Land,2016-12-09,,,,,,,tt3783958"))

    assert 'row 2: unchanged "La La Land" (2016)' in output
    film = Film.objects.get()
    assert (film.mpaa_rating, film.running_time, film.distributor) == ("PG-13", 128, "Lionsgate")
    assert film.credits.count() == 3


def test_nulls_are_unknown_and_never_erase(tmp_path):
    run_import(tmp_path, csv_file(LA_LA_LAND_ROW))
    records = [
        {
            "title": "La La Land",
            "imdb_id": "tt3783958",
            "running_time": None,
            "mpaa_rating": "NULL",
            "distributor": "N/A",
            "cast": None,
            "genres": [],
        }
    ]

    output = run_import(tmp_path, json.dumps(records), "films.json")

    assert 'row 1: unchanged "La La Land" (2016)' in output
    assert Film.objects.get().running_time == 128


def test_numbers_where_text_is_expected_are_read_as_text(tmp_path):
    records = [
        {
            "title": 1917,
            "year": 2019.0,
            "distributor": 42,
            "running_time": "119",
            "cast": [{"name": "George MacKay", "character": 1}],
        }
    ]

    output = run_import(tmp_path, json.dumps(records), "films.json")

    assert 'row 1: created "1917" (2019)' in output
    film = Film.objects.get()
    assert (film.title, film.distributor, film.running_time) == ("1917", "42", 119)
    assert film.credits.get().character == "1"


def test_nan_is_unknown_and_an_object_rejects_its_row(tmp_path):
    content = '[{"title": "Moonlight", "running_time": NaN}, {"title": {"en": "Arrival"}}]'

    output = run_import(tmp_path, content, "films.json")

    assert 'row 1: created "Moonlight"' in output
    assert "row 2: rejected: title: expected text, found an object" in output
