"""Headers read by meaning (units, qualifiers, brackets, plurals), the mapping suggested for
a column that looks like a field, and values plausible in form but not in fact flagged."""

import datetime

import pytest

from reviews.importing import import_films
from reviews.importing.headers import meaning_keys
from reviews.importing.normalising import FilmRecord, implausible
from reviews.importing.reading import canonical_field
from reviews.models import Film, Genre
from tests.helpers import run_import

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "header, field",
    [
        ("Runtime", "running_time"),
        ("Runtime (minutes)", "running_time"),
        ("Length (min)", "running_time"),
        ("Running time, mins", "running_time"),
        ("Duration [mins]", "running_time"),
        ("Minutes", "running_time"),
        ("Rated", "mpaa_rating"),
        ("MPAA Certificate", "mpaa_rating"),
        ("Main Genre", "genres"),
        ("Genres (primary)", "genres"),
        ("Director(s)", "directors"),
        ("Primary Director Name", "directors"),
        ("Original Title", "title"),
        ("Film Title", "title"),
        ("US Release Date", "release_date"),
        ("Main Cast", "cast"),
        ("IMDb ID", "external_id"),
    ],
)
def test_headers_with_units_and_qualifiers_mean_their_field(header, field):
    assert canonical_field(header) == field


@pytest.mark.parametrize("header", ["Budget", "Date added (YYYY-MM-DD)", "Notes", "IMDb rating"])
def test_headers_that_mean_no_field_stay_ignored(header):
    assert canonical_field(header) is None


def test_the_plainest_reading_is_tried_first():
    assert meaning_keys("Runtime (minutes)")[:2] == ["runtime_minutes", "runtime"]


def test_a_file_with_such_headers_imports_running_times_and_genres(tmp_path):
    content = (
        "Film Title,Release Year,Runtime (minutes),Main Genre,Rated\n"
        "Arrival,2016,116,Drama,PG-13\nMoonlight,2016,111 min,Drama,R\n"
    )

    output = run_import(tmp_path, content)

    assert "ignored columns" not in output
    assert dict(Film.objects.values_list("title", "running_time")) == {
        "Arrival": 116,
        "Moonlight": 111,
    }
    assert Genre.objects.get().films.count() == 2


def test_an_ignored_column_that_looks_like_a_field_gets_its_map_named(tmp_path):
    content = "title,year,Certification Board,Budget\nArrival,2016,PG-13,47m\nMoonlight,2016,R,4m\n"

    output = run_import(tmp_path, content, "films.csv", "--dry-run")

    assert 'ignored columns: "Certification Board", "Budget"' in output
    assert (
        '"Certification Board" looks like mpaa_rating: take it with --map '
        '"Certification Board=mpaa_rating"'
    ) in output
    assert "Budget" not in output.split("ignored columns")[1].split("\n", 1)[1]


def test_the_suggested_map_takes_the_column(tmp_path):
    content = "title,year,Certification Board\nArrival,2016,PG-13\n"

    run_import(tmp_path, content, "films.csv", "--map", "Certification Board=mpaa_rating")

    assert Film.objects.get().mpaa_rating == "PG-13"


def test_json_columns_are_suggested_too():
    data = b'[{"title": "Arrival", "Len": "116 min"}, {"title": "Moonlight", "Len": "111 min"}]'

    report = import_films(data, "films.json", dry_run=True)

    assert report.suggestions == {"Len": "running_time"}


def test_implausible_values_are_flagged_in_the_report_and_kept(tmp_path):
    future = datetime.date.today().year + 40
    content = f"title,year,runtime\nFar Off,{future},900\nToo Early,1880,20\nFine,2016,128\n"

    output = run_import(tmp_path, content)

    assert (
        f'row 2: created "Far Off" ({future}); year: {future} is more than 5 years ahead; '
        "check it; running_time: 900 minutes is over 10 hours; check it\n"
    ) in output
    assert (
        'row 3: created "Too Early" (1880); year: 1880 is before the first films (1888); check it\n'
    ) in output
    assert 'row 4: created "Fine" (2016)\n' in output
    assert Film.objects.get(title="Far Off").running_time == 900


def test_running_time_zero_and_year_1700_are_rejected_with_their_reason(tmp_path):
    output = run_import(tmp_path, "title,year,runtime\nZero,2016,0\nAncient,1700,90\n")

    assert "row 2: rejected: running_time: must be more than 0 minutes, not 0" in output
    assert "row 3: rejected: year: 1700 is not a plausible year (1870 to 2200)" in output
    assert not Film.objects.exists()


def test_implausible_is_quiet_for_ordinary_films():
    record = FilmRecord(row=2, title="Arrival", year=2016, running_time=116)

    assert implausible(record, today=datetime.date(2026, 1, 1)) == []


def test_the_admin_preview_names_the_mapping_too(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.helpers import IMPORT_URL

    client.force_login(editor)
    content = b"title,year,Certification Board\nArrival,2016,PG-13\n"

    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("films.csv", content)})

    assert response.context["report"].suggestions == {"Certification Board": "mpaa_rating"}
    assert "<code>Certification Board=mpaa_rating</code>" in response.content.decode()


def test_the_language_is_imported_and_exported_back(tmp_path):
    from reviews.importing.exporting import export_csv

    content = "title,year,Original Language\nAmélie,2001,In French with English subtitles\n"
    run_import(tmp_path, content)
    exported = export_csv(Film.objects.all())

    assert Film.objects.get().language == "In French with English subtitles"
    assert "language" in exported.splitlines()[0].split(",")
    assert "unchanged 1" in run_import(tmp_path, exported, "again.csv")
