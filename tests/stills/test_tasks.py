"""The renditions' background task: made once the upload commits, never for a stale request."""

import io

import pytest
from django.core.management import call_command

from reviews.stills import tasks
from tests import factories
from tests.helpers import new_still
from tests.images import picture

pytestmark = pytest.mark.django_db


def test_stale_task_for_an_old_focal_point_does_nothing(django_capture_on_commit_callbacks):
    photo = new_still(picture("JPEG", size=(400, 300)))
    result = tasks.render_still.call(photo.pk, 0.3, 0.3)
    assert result == "superseded" and not photo.renditions.exists()


def test_with_the_database_backend_pages_show_the_original_until_the_worker_runs(
    client, settings, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker closes connections that are not in autocommit, as the test's one is not.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(picture("JPEG", size=(700, 400)))
    film = factories.FilmFactory(lead_still=photo)
    assert not photo.renditions.exists()
    page = client.get(film.get_absolute_url()).content.decode()
    assert f'src="{photo.image.url}"' in page and "<source" not in page

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    assert photo.renditions.filter(spec="w640").count() == 2
    page = client.get(film.get_absolute_url()).content.decode()
    assert '<source type="image/webp"' in page
