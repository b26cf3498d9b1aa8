"""Reading a film file: bytes to text, text to rows, whatever shape the file comes in."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.urls import reverse

from reviews.models import Credit, Film
from tests.helpers import LA_LA_LAND_ROW, csv_file, run_import

pytestmark = pytest.mark.django_db


def test_utf8_with_a_byte_order_mark_is_read(tmp_path):
    output = run_import(tmp_path, "\ufefftitle,year\nAmélie,2001\n".encode())

    assert "films.csv: CSV, read as utf-8" in output
    assert "created 1, updated 0, unchanged 0, rejected 0" in output
    assert Film.objects.get().title == "Amélie"


def test_utf8_without_a_byte_order_mark_is_read(tmp_path):
    output = run_import(tmp_path, "title,year,cast\nAmélie,2001,Audrey Tautou as Amélie Poulain\n")

    assert "films.csv: CSV, read as utf-8" in output
    assert Credit.objects.get().character == "Amélie Poulain"


def test_windows_line_endings_are_read(tmp_path):
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


def test_encoding_option_reads_latin1(tmp_path):
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


def test_semicolon_separated_csv_is_read(tmp_path):
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


def test_json_cast_may_mix_objects_and_text(tmp_path):
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


def test_map_to_an_unknown_field_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r'^--map "Film=movie_name": unknown field'):
        run_import(tmp_path, "Film\nMoonlight\n", "f.csv", "--map", "Film=movie_name")


def test_map_names_the_title_column(tmp_path):
    output = run_import(
        tmp_path, "Film Name,Year\nMoonlight,2016\n", "f.csv", "--map", "Film Name=title"
    )

    assert 'row 2: created "Moonlight" (2016)' in output


def test_json_is_recognised_by_its_content_when_the_name_does_not_say(tmp_path):
    content = json.dumps([{"title": "Moonlight", "year": 2016, "mpaa_rating": "R"}])
    output = run_import(tmp_path, content, "export-from-the-distributor")
    assert "export-from-the-distributor: JSON, read as utf-8" in output
    assert 'row 1: created "Moonlight" (2016)' in output
    assert Film.objects.get().mpaa_rating == "R"


def test_csv_is_recognised_by_its_content_when_the_name_does_not_say(tmp_path):
    output = run_import(tmp_path, "title,year,running_time\nArrival,2016,1h 56m\n", "films.export")
    assert "films.export: CSV, read as utf-8" in output
    assert 'row 2: created "Arrival" (2016)' in output
    assert Film.objects.get().running_time == 116


def test_tab_separated_files_are_read(tmp_path):
    output = run_import(tmp_path, "title\tyear\tdistributor\nMoonlight\t2016\tA24\n", "films.tsv")
    assert 'row 2: created "Moonlight" (2016)' in output
    assert Film.objects.get().distributor == "A24"


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("base64", '"base64" is not a text encoding'),
        ("zlib", '"zlib" is not a text encoding'),
        ("rot13", '"rot13" is not a text encoding'),
        ("punycode", "the file is not punycode"),
    ],
)
def test_import_refuses_a_codec_that_is_not_a_text_encoding_on_the_form(
    client, editor, encoding, message
):
    client.force_login(editor)
    upload = SimpleUploadedFile("films.csv", b"title\nAmelie\n", content_type="text/csv")

    response = client.post(
        reverse("admin:reviews_film_import"), {"file": upload, "encoding": encoding}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]


def test_import_refuses_deeply_nested_json_on_the_form(client, editor):
    client.force_login(editor)
    nested = b'{"films": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    upload = SimpleUploadedFile("films.json", nested, content_type="application/json")

    response = client.post(reverse("admin:reviews_film_import"), {"file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "not valid JSON: nested too deeply to be a list of films"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'[{"title": "Half\\ud800"}]',
            "not valid JSON: it holds a \\u escape of half a character (a lone surrogate "
            "such as \\ud800)",
        ),
        (
            b'{"title": "A", "year": 2001}\n{"\\udfff": "B"}\n',
            "not valid JSON: it holds a \\u escape of half a character (a lone surrogate "
            "such as \\ud800)",
        ),
        (
            b'[{"title": "A", "year": ' + b"9" * 5000 + b"}]",
            "not valid JSON: a number is too long to read",
        ),
    ],
    ids=["lone surrogate", "lone surrogate in a JSON Lines key", "huge number"],
)
def test_import_refuses_json_no_database_can_store_with_a_message(client, editor, content, message):
    client.force_login(editor)
    upload = SimpleUploadedFile("films.json", content, content_type="application/json")

    response = client.post(reverse("admin:reviews_film_import"), {"file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert not Film.objects.exists()
