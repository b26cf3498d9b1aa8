"""Importing films in the admin with a row-by-row preview, and exporting them: Editors only."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.importing import import_films
from reviews.models import Credit, Film, Person
from tests.helpers import FILMS_CSV, FILMS_URL, IMPORT_URL

pytestmark = pytest.mark.django_db


def csv_upload(content: str = FILMS_CSV, name: str = "films.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


# Import with a preview -----------------------------------------------------------------


def test_import_page_offers_the_upload_form(client, editor):
    client.force_login(editor)

    response = client.get(IMPORT_URL)

    assert response.status_code == 200
    assert response.context["step"] == "upload"


def test_preview_shows_each_row_and_writes_nothing(client, editor):
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"file": csv_upload()})

    assert response.context["step"] == "preview"
    page = response.content.decode()
    assert 'id="import-counts"' in page
    lines = [row.line() for row in response.context["rows"]]
    assert lines == [
        'row 2: created "La La Land" (2016)',
        'row 3: created "Moonlight" (2016)',
        'row 4: rejected: release_date: cannot read "someday" as a date',
    ]
    assert "release_date: cannot read &quot;someday&quot; as a date" in page
    assert not Film.objects.exists()
    assert not Person.objects.exists()


def test_confirm_imports_what_the_preview_showed(client, editor):
    client.force_login(editor)
    preview = client.post(IMPORT_URL, {"file": csv_upload()})

    response = client.post(IMPORT_URL, {"confirm": "1", "token": preview.context["token"]})

    assert response.context["step"] == "done"
    assert sorted(Film.objects.values_list("title", flat=True)) == ["La La Land", "Moonlight"]
    assert Credit.objects.count() == 3
    message = [str(m) for m in response.context["messages"]]
    assert message == ["Imported films.csv: created 2, updated 0, unchanged 0, rejected 1"]


def test_confirm_twice_does_not_import_twice(client, editor):
    client.force_login(editor)
    token = client.post(IMPORT_URL, {"file": csv_upload()}).context["token"]
    client.post(IMPORT_URL, {"confirm": "1", "token": token})

    response = client.post(IMPORT_URL, {"confirm": "1", "token": token}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "This preview has expired; upload the file again."
    ]
    assert Film.objects.count() == 2


def test_preview_of_a_known_file_shows_what_would_be_updated(client, editor):
    import_films(b"title,year\nMoonlight,2016\n", "first.csv")
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"file": csv_upload()})

    lines = [row.line() for row in response.context["rows"]]
    assert (
        lines[1]
        == 'row 3: updated "Moonlight" (2016): external_id, mpaa_rating, running_time, cast +1'
    )


def test_cancel_writes_nothing(client, editor):
    client.force_login(editor)
    client.post(IMPORT_URL, {"file": csv_upload()})

    response = client.post(IMPORT_URL, {"cancel": "1"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Import cancelled; nothing was written."
    ]
    assert not Film.objects.exists()


def test_unusable_file_is_refused_on_the_form(client, editor):
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"file": csv_upload("headline,year\nMoonlight,2016\n")})

    assert response.context["step"] == "upload"
    assert response.context["form"].errors["file"] == [
        'no title column (columns found: "headline", "year"); name one with --map COLUMN=title'
    ]


def test_the_form_maps_columns_to_fields(client, editor):
    client.force_login(editor)

    response = client.post(
        IMPORT_URL,
        {"file": csv_upload("Film,Jahr\nMoonlight,2016\n"), "mapping": "Film=title\nJahr=year"},
    )

    assert [row.line() for row in response.context["rows"]] == ['row 2: created "Moonlight" (2016)']


def test_bad_column_mapping_is_refused_on_the_form(client, editor):
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"file": csv_upload(), "mapping": "Film"})

    assert response.context["form"].errors["mapping"] == [
        '--map "Film": write it as COLUMN=FIELD, e.g. "Film=title"'
    ]


def test_a_file_over_the_limit_is_refused(client, editor, settings):
    settings.IMPORT_MAX_BYTES = 100
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"file": csv_upload()})

    assert response.context["form"].errors["file"] == [
        "The file is 0 KiB; the limit is 0 KiB. Import larger files with manage.py import_films."
    ]


def test_film_list_links_to_the_import_for_editors(client, editor):
    client.force_login(editor)

    assert IMPORT_URL in client.get(FILMS_URL).content.decode()


# Export ----------------------------------------------------------------------------------


def test_export_csv_action_downloads_films_with_credits(client, editor, imported_la_la_land):
    client.force_login(editor)

    response = client.post(
        FILMS_URL, {"action": "export_as_csv", "_selected_action": [imported_la_la_land.pk]}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="films-')
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("title,year,release_date,mpaa_rating,running_time,")
    assert "Emma Stone as Mia; Ryan Gosling as Sebastian" in lines[1]
    assert "Tom Cross (Production designer)" in lines[1]


def test_export_json_action_downloads_films_with_credits(client, editor, imported_la_la_land):
    client.force_login(editor)

    response = client.post(
        FILMS_URL, {"action": "export_as_json", "_selected_action": [imported_la_la_land.pk]}
    )

    film = json.loads(response.content)["films"][0]
    assert film["title"] == "La La Land"
    assert film["cast"][0] == {"name": "Emma Stone", "character": "Mia"}
    assert film["other_crew"] == [{"name": "Tom Cross", "job": "Production designer"}]
    assert film["genres"] == ["Musical"]


# Only Editors ----------------------------------------------------------------------------


def test_critics_cannot_import_by_posting_a_file(client, critic_user):
    client.force_login(critic_user)

    response = client.post(IMPORT_URL, {"file": csv_upload()})

    assert response.status_code == 403
    assert not Film.objects.exists()


def test_critics_cannot_export_by_posting_the_action(client, critic_user, imported_la_la_land):
    client.force_login(critic_user)

    response = client.post(
        FILMS_URL, {"action": "export_as_csv", "_selected_action": [imported_la_la_land.pk]}
    )

    assert "Content-Disposition" not in response
