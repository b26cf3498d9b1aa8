"""An import running while an editor saves a film: neither undoes the other."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from reviews.importing import Outcome, import_films
from reviews.importing.writing import FilmWriter
from reviews.models import Film
from tests import factories
from tests.admin_forms import form_data
from tests.concurrency import Pause, shared_database, started  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IMPORT_URL = reverse("admin:reviews_film_import")
ADVISORY = "Contains some obscenity and smoking"
#: One film named only for its content advisory, another for its synopsis: one batch.
CSV = (
    "title,year,content_advisory,synopsis\n"
    f"La La Land,2016,{ADVISORY},\n"
    "Moonlight,2016,,A boy grows up in Miami.\n"
)
EDITED_SYNOPSIS = "An actress and a jazz pianist fall in love in Los Angeles."


@pytest.fixture
def films():
    la_la_land = factories.FilmFactory(
        title="La La Land", release_date=None, year=2016, synopsis="The old synopsis."
    )
    moonlight = factories.FilmFactory(title="Moonlight", release_date=None, year=2016)
    return la_la_land, moonlight


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.usefixtures("shared_database")
def test_an_import_confirmed_while_an_editor_saves_a_synopsis_keeps_the_editors_synopsis(
    films, editor, monkeypatch
):
    la_la_land, moonlight = films
    importer, desk = client_for(editor), client_for(editor)
    upload = SimpleUploadedFile("films.csv", CSV.encode(), content_type="text/csv")
    token = importer.post(IMPORT_URL, {"file": upload}).context["token"]
    change_url = reverse("admin:reviews_film_change", args=[la_la_land.pk])
    edit = form_data(desk.get(change_url)) | {"synopsis": EDITED_SYNOPSIS}
    # The import has read every film when the editor's save comes in.
    pause = Pause("import")
    monkeypatch.setattr(FilmWriter, "_load", pause.after(FilmWriter._load))

    importing = started(
        lambda: importer.post(IMPORT_URL, {"confirm": "1", "token": token}), "import"
    )
    pause.wait_until_reached()
    saved = started(lambda: desk.post(change_url, edit), "edit").result()
    pause.go.set()
    imported = importing.result()

    assert saved.status_code == 302
    assert imported.status_code == 200
    assert [row.outcome for row in imported.context["rows"]] == [Outcome.UPDATED] * 2
    la_la_land.refresh_from_db()
    assert la_la_land.synopsis == EDITED_SYNOPSIS  # the editor's, not the import's old copy
    assert la_la_land.content_advisory == ADVISORY
    moonlight.refresh_from_db()
    assert moonlight.synopsis == "A boy grows up in Miami."


@pytest.mark.usefixtures("shared_database")
def test_an_editor_saving_while_an_import_batch_is_written_waits_then_is_shown_the_import(
    films, editor, monkeypatch
):
    la_la_land, _ = films
    desk = client_for(editor)
    change_url = reverse("admin:reviews_film_change", args=[la_la_land.pk])
    edit = form_data(desk.get(change_url)) | {"synopsis": EDITED_SYNOPSIS}
    # The batch has read its films and is about to write them when the editor saves.
    pause = Pause("import")
    monkeypatch.setattr(FilmWriter, "_flush", pause.before(FilmWriter._flush))

    importing = started(lambda: import_films(CSV.encode(), "films.csv"), "import")
    pause.wait_until_reached()
    saved = started(lambda: desk.post(change_url, edit), "edit").result()
    pause.go.set()
    report = importing.result()

    # It waited for the batch, then was refused: its form still held the film as it was
    # before the import, and saving it would have put the old content advisory back.
    assert saved.status_code == 200
    form = saved.context["adminform"].form
    assert form.non_field_errors()[0].startswith("Not saved: someone else saved this film")
    assert [c["label"] for c in form.conflict["changes"]] == ["Synopsis", "Content advisory"]
    assert EDITED_SYNOPSIS in saved.content.decode()  # still in the form, for the editor
    assert [row.outcome for row in report.rows] == [Outcome.UPDATED] * 2
    la_la_land.refresh_from_db()
    assert la_la_land.content_advisory == ADVISORY
    assert la_la_land.version == 2


def test_an_import_writes_for_each_film_only_the_fields_its_rows_state(films, monkeypatch):
    la_la_land, moonlight = films
    written = []
    original = Film.objects.bulk_update

    def recording(objs, fields, **kwargs):
        written.append((sorted(film.title for film in objs), sorted(fields)))
        return original(objs, fields, **kwargs)

    monkeypatch.setattr(Film.objects, "bulk_update", recording)
    import_films(CSV.encode(), "films.csv")

    assert sorted(written) == [
        (["La La Land"], ["content_advisory", "updated_at", "version"]),
        (["Moonlight"], ["synopsis", "updated_at", "version"]),
    ]


def test_a_film_deleted_while_the_import_runs_is_reported_not_written(films, monkeypatch):
    la_la_land, moonlight = films
    load = FilmWriter._load

    def load_then_delete(writer):
        load(writer)
        Film.objects.filter(pk=la_la_land.pk).delete()  # by an editor, just after the read

    monkeypatch.setattr(FilmWriter, "_load", load_then_delete)
    report = import_films(CSV.encode(), "films.csv")

    first, second = report.rows
    assert first.outcome == Outcome.REJECTED
    assert first.reason == (
        'title: "La La Land" (2016) was deleted by someone else while this import ran; '
        "nothing was written for this row"
    )
    assert second.outcome == Outcome.UPDATED
    assert not Film.objects.filter(title="La La Land").exists()
