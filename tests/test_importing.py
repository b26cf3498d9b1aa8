"""Importing films in bulk: ``manage.py import_films`` and the engine behind it."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
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


# The shapes real files come in ---------------------------------------------------------


def test_utf8_with_byte_order_mark(tmp_path):
    output = run_import(tmp_path, "\ufefftitle,year\nAmélie,2001\n".encode())

    assert "films.csv: CSV, read as utf-8" in output
    assert "created 1, updated 0, unchanged 0, rejected 0" in output
    assert Film.objects.get().title == "Amélie"


def test_utf8_without_byte_order_mark(tmp_path):
    output = run_import(tmp_path, "title,year,cast\nAmélie,2001,Audrey Tautou as Amélie Poulain\n")

    assert "films.csv: CSV, read as utf-8" in output
    assert Credit.objects.get().character == "Amélie Poulain"


def test_windows_line_endings(tmp_path):
    content = csv_file(LA_LA_LAND_ROW, "Moonlight,2016,R,111,A24,Drama,Barry Jenkins,,")
    output = run_import(tmp_path, content.replace("\n", "\r\n"))

    assert "created 2, updated 0, unchanged 0, rejected 0" in output
    assert Film.objects.get(title="Moonlight").external_id == ""
    assert not Film.objects.filter(title__contains="\r").exists()


def test_latin1_is_detected(tmp_path):
    output = run_import(
        tmp_path,
        "title,directors\nLa Cité des enfants perdus,Jean-Pierre Jeunet\n"
        "Amélie,Jean-Pierre Jeunet\n".encode("latin-1"),
    )

    assert "films.csv: CSV, read as windows-1252" in output
    assert "created 2, updated 0, unchanged 0, rejected 0" in output
    assert sorted(Film.objects.values_list("title", flat=True)) == [
        "Amélie",
        "La Cité des enfants perdus",
    ]


def test_encoding_option_reads_what_detection_would_not(tmp_path):
    content = "title,year\nБрат,1997\n".encode("cp1251")

    output = run_import(tmp_path, content, "films.csv", "--encoding", "cp1251")

    assert "films.csv: CSV, read as cp1251" in output
    assert Film.objects.get().title == "Брат"


def test_encoding_option_latin1(tmp_path):
    content = "title;distributor\nL'Été dernier;Ad Vitam\n".encode("latin-1")

    output = run_import(tmp_path, content, "films.csv", "--encoding", "latin-1")

    assert "films.csv: CSV, read as latin-1" in output
    assert Film.objects.get().title == "L'Été dernier"


def test_wrong_encoding_option_is_refused_in_one_line(tmp_path):
    with pytest.raises(
        CommandError, match=r"^the file is not utf-8: byte 13 \(line 2\) cannot be decoded$"
    ):
        run_import(
            tmp_path, "title,year\nAmélie,2001\n".encode("latin-1"), "f.csv", "--encoding", "utf-8"
        )


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


def test_numbers_where_text_is_expected(tmp_path):
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


def test_nan_and_objects_in_json(tmp_path):
    content = '[{"title": "Moonlight", "running_time": NaN}, {"title": {"en": "Arrival"}}]'

    output = run_import(tmp_path, content, "films.json")

    assert 'row 1: created "Moonlight"' in output
    assert "row 2: rejected: title: expected text, found an object" in output


def test_duplicated_rows_make_one_film(tmp_path):
    output = run_import(tmp_path, csv_file(LA_LA_LAND_ROW, LA_LA_LAND_ROW))

    assert 'row 2: created "La La Land" (2016)' in output
    assert 'row 3: unchanged "La La Land" (2016); same film as row 2' in output
    assert Film.objects.count() == 1
    assert Credit.objects.count() == 3


def test_trailing_columns_are_ignored_and_reported(tmp_path):
    content = "title,year,,\r\nMoonlight,2016,,\r\nArrival,2016,,,Paramount\r\n"

    output = run_import(tmp_path, content)

    assert 'row 2: created "Moonlight" (2016)' in output
    assert 'row 3: created "Arrival" (2016); ignored 1 value(s) beyond the last column' in output


def test_unknown_columns_are_listed_once(tmp_path):
    output = run_import(tmp_path, "title,year,budget\nMoonlight,2016,1.5m\n")

    assert 'ignored columns: "budget"' in output


def test_blank_lines_are_skipped_and_row_numbers_follow_the_spreadsheet(tmp_path):
    output = run_import(tmp_path, "title,release_date\n\nMoonlight,2016\n,\nArrival,never\n")

    assert 'row 5: rejected: release_date: cannot read "never" as a date' in output
    assert "created 1, updated 0, unchanged 0, rejected 1" in output


def test_semicolon_separated_csv(tmp_path):
    run_import(
        tmp_path,
        "Titel;Jahr\nLa La Land;2016\n",
        "f.csv",
        "--map",
        "Titel=title",
        "--map",
        "Jahr=year",
    )

    assert Film.objects.get().year == 2016


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


# JSON ----------------------------------------------------------------------------------


def test_json_with_cast_objects_and_lists(tmp_path):
    document = {
        "films": [
            {
                "title": "La La Land",
                "release_date": "9 December 2016",
                "mpaa_rating": "PG-13",
                "runtime": "128 min",
                "genres": ["Drama", "Musical"],
                "directors": ["Damien Chazelle"],
                "cast": [{"name": "Emma Stone", "character": "Mia"}, "Ryan Gosling as Sebastian"],
                "external_id": "tt3783958",
            }
        ]
    }

    output = run_import(tmp_path, json.dumps(document), "films.json")

    assert 'row 1: created "La La Land" (2016)' in output
    film = Film.objects.get()
    assert film.credits.count() == 3
    assert film.credits.get(character="Sebastian").person.name == "Ryan Gosling"


def test_json_lines_are_read(tmp_path):
    content = '{"title": "Moonlight", "year": 2016}\n{"title": "Arrival", "year": 2016}\n'

    output = run_import(tmp_path, content, "films.jsonl")

    assert "created 2, updated 0, unchanged 0, rejected 0" in output


def test_json_item_that_is_not_an_object_is_rejected(tmp_path):
    output = run_import(tmp_path, '[{"title": "Moonlight"}, 42]', "films.json")

    assert "row 2: rejected: expected an object, found a number" in output
    assert "created 1, updated 0, unchanged 0, rejected 1" in output


# Unusable files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("films.csv", "", "films.csv is empty"),
        (
            "films.csv",
            "name_of_film,year\nMoonlight,2016\n",
            'no title column (columns found: "name_of_film", "year"); name one with --map '
            "COLUMN=title",
        ),
        (
            "films.json",
            '[{"name": "Moonlight"',
            "not valid JSON: Expecting ',' delimiter at line 1 column 22",
        ),
        ("films.json", '{"count": 2}', "JSON holds no list of films"),
        (
            "films.xlsx",
            b"PK\x03\x04\x00\x00binary",
            "unknown format: films.xlsx is a binary file; save it as CSV or JSON",
        ),
        ("films.dat", "just some words", "unknown format: films.dat is neither CSV nor JSON"),
    ],
)
def test_unusable_files_stop_the_command_with_one_line(tmp_path, name, content, message):
    with pytest.raises(CommandError) as raised:
        run_import(tmp_path, content, name)

    assert str(raised.value) == message


def test_missing_file_stops_the_command(tmp_path):
    with pytest.raises(CommandError, match=r"nope\.csv: no such file$"):
        call_command("import_films", str(tmp_path / "nope.csv"))


def test_map_to_an_unknown_field_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r'^--map "Film=movie_name": unknown field'):
        run_import(tmp_path, "Film\nMoonlight\n", "f.csv", "--map", "Film=movie_name")


def test_map_names_the_title_column(tmp_path):
    output = run_import(
        tmp_path, "Film Name,Year\nMoonlight,2016\n", "f.csv", "--map", "Film Name=title"
    )

    assert 'row 2: created "Moonlight" (2016)' in output


def test_report_is_written_to_a_file(tmp_path):
    content = csv_file(LA_LA_LAND_ROW, "Broken,never,,,,,,,")
    report = tmp_path / "report.txt"

    run_import(tmp_path, content, "films.csv", "--report", str(report))

    lines = report.read_text().splitlines()
    assert lines[1:] == [
        'row 2: created "La La Land" (2016)',
        'row 3: rejected: release_date: cannot read "never" as a date',
        "films.csv: created 1, updated 0, unchanged 0, rejected 1",
    ]


def test_report_as_json(tmp_path):
    report = tmp_path / "report.json"

    run_import(tmp_path, csv_file(LA_LA_LAND_ROW), "films.csv", "--report", str(report))

    data = json.loads(report.read_text())
    assert data["counts"] == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    assert data["rows"][0]["outcome"] == "created"


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


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stderr", "shown"), [(Terminal(), True), (io.StringIO(), False)])
def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch, stderr, shown):
    monkeypatch.setattr("sys.stderr", stderr)

    run_import(tmp_path, csv_file("Moonlight,2016", header="title,year"))

    assert ("0/1 [" in stderr.getvalue()) is shown
