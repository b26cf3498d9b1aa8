"""Staff at work at once on the embedded database: a batch of desk uploads (renditions and
all) while editors save films, people and reviews in the admin. On a SQLite file, as the
demo runs, every one of them is saved and none meets "database is locked"."""

import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.urls import reverse

from newsroom import tasks
from newsroom.tasks import ThreadBackend
from reviews.models import Film, Person, Photo, Rendition, Review
from tests import concurrency, factories
from tests.admin_forms import form_data
from tests.concurrency import shared_database, started  # noqa: F401 (a fixture)
from tests.images import picture, upload

pytestmark = [
    pytest.mark.usefixtures("shared_database"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

UPLOAD = reverse("desk:upload")
JSON = {"Accept": "application/json"}
UPLOADS = 4


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def still_post(number: int) -> dict:
    fields = {
        "caption": f"Still number {number}.",
        "credit_line": "Dale Robinette/Lionsgate",
        "alt_text": "A woman at a piano.",
        "image": upload(picture("JPEG", (700, 400), color=(number * 40, 90, 120)), f"{number}.jpg"),
    }
    data = {"stills-TOTAL_FORMS": "1", "stills-INITIAL_FORMS": "0"}
    return data | {f"stills-0-{key}": value for key, value in fields.items()}


def admin_saves(editor) -> dict:
    """Saves of a film, a person and a review, each through its change form as loaded."""
    objects = {
        "film": factories.FilmFactory(synopsis="Old."),
        "person": factories.PersonFactory(bio="Old."),
        "review": factories.ReviewFactory(dek="Old."),
    }
    field = {"film": "synopsis", "person": "bio", "review": "dek"}
    posts = {}
    for name, obj in objects.items():
        client = client_for(editor)
        url = reverse(f"admin:reviews_{obj._meta.model_name}_change", args=[obj.pk])
        data = form_data(client.get(url)) | {field[name]: f"Saved by the {name} editor."}
        posts[name] = lambda c=client, u=url, d=data: c.post(u, d)
    return posts


def everyone_at_once(photo_desk, editor) -> dict:
    desks = [client_for(photo_desk) for _ in range(UPLOADS)]
    posts = {
        f"upload-{n}": lambda c=c, n=n: c.post(UPLOAD, still_post(n), headers=JSON)
        for n, c in enumerate(desks)
    } | admin_saves(editor)
    workers = {name: started(post, name) for name, post in posts.items()}
    return {name: worker.result() for name, worker in workers.items()}


def assert_everyone_saved(responses: dict) -> None:
    codes = {name: response.status_code for name, response in responses.items()}
    expected = {name: 201 if name.startswith("upload") else 302 for name in responses}
    assert codes == expected, {
        n: r.content.decode()[:300] for n, r in responses.items() if codes[n] != expected[n]
    }
    assert Photo.objects.count() == UPLOADS
    assert Film.objects.filter(synopsis="Saved by the film editor.").exists()
    assert Person.objects.filter(bio="Saved by the person editor.").exists()
    assert Review.objects.filter(dek="Saved by the review editor.").exists()


def test_uploads_with_renditions_in_the_request_and_admin_saves_at_once_all_succeed(
    photo_desk, editor
):
    responses = everyone_at_once(photo_desk, editor)

    assert_everyone_saved(responses)
    per_still = Rendition.objects.filter(photo=Photo.objects.first()).count()
    assert per_still > 0
    assert Rendition.objects.count() == per_still * UPLOADS
    assert not Photo.objects.filter(renditions_failed_at__isnull=False).exists()


@pytest.fixture
def background_thread(request, settings):
    """Tasks on the background thread, which connects (as the test's threads do) to the
    test's database."""
    request.getfixturevalue("shared_database")
    settings.TASKS = {"default": {"BACKEND": "newsroom.tasks.ThreadBackend"}}
    if concurrency._file_database:  # SQLite: the file; PostgreSQL: the test database as is
        tasks._executor().submit(concurrency._connect, dict(concurrency._file_database)).result()
    yield
    ThreadBackend.wait_until_idle()
    tasks._executor().submit(lambda: connections.__delitem__(DEFAULT_DB_ALIAS)).result()


@pytest.mark.usefixtures("background_thread")
def test_uploads_with_renditions_on_the_background_thread_and_admin_saves_all_succeed(
    photo_desk, editor
):
    responses = everyone_at_once(photo_desk, editor)

    assert_everyone_saved(responses)
    ThreadBackend.wait_until_idle()
    per_still = {photo.pk: photo.renditions.count() for photo in Photo.objects.all()}
    assert len(set(per_still.values())) == 1 and 0 not in per_still.values(), per_still
    assert not Photo.objects.filter(renditions_failed_at__isnull=False).exists()


@pytest.mark.usefixtures("background_thread")
def test_renditions_are_made_off_the_request_once_the_upload_has_answered(photo_desk, monkeypatch):
    from reviews.stills import tasks as still_tasks

    made_on, answered = [], threading.Event()
    make = still_tasks.make_renditions

    def recorded(photo):
        assert answered.wait(10), "the upload had not answered yet"
        made_on.append(threading.current_thread().name)
        return make(photo)

    monkeypatch.setattr(still_tasks, "make_renditions", recorded)
    desk = client_for(photo_desk)

    response = started(lambda: desk.post(UPLOAD, still_post(1), headers=JSON), "upload").result()
    answered.set()
    ThreadBackend.wait_until_idle()

    assert response.status_code == 201
    assert [name.startswith("newsroom-task") for name in made_on] == [True]
    assert Photo.objects.get().renditions.exists()
