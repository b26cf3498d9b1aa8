"""Storage that fails under a still: a folder that refuses writes or removals, an object
store that does not answer. Each fault gets a clear answer, leaves nothing half-done, and
what could not be made or removed is made or removed once storage is back."""

import errno
import io
import socket
import time
from typing import ClassVar

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from reviews.models import Photo, Rendition
from reviews.stills import services
from reviews.stills.housekeeping import MEDIA_FOLDERS, orphan_files, walk
from tests import factories
from tests.images import picture, upload

pytestmark = pytest.mark.django_db

UPLOAD = reverse("desk:upload")
JSON = {"Accept": "application/json"}


class FaultyStorage(FileSystemStorage):
    """The local disk, with top folders that refuse writes or removals, as a folder whose
    permissions changed would (chmod stops no one when the tests run as root)."""

    unwritable: ClassVar[set[str]] = set()
    undeletable: ClassVar[set[str]] = set()

    @staticmethod
    def _refuse(name: str, folders: set[str]) -> None:
        if name.split("/", 1)[0] in folders:
            raise PermissionError(errno.EACCES, "Permission denied", name)

    def _save(self, name, content):
        self._refuse(name, self.unwritable)
        return super()._save(name, content)

    def delete(self, name):
        self._refuse(name, self.undeletable)
        super().delete(name)


@pytest.fixture
def faulty(settings):
    settings.STORAGES = settings.STORAGES | {"default": {"BACKEND": f"{__name__}.FaultyStorage"}}
    default_storage.exists("")  # sets the lazy default storage up with the new setting
    assert isinstance(default_storage._wrapped, FaultyStorage)
    yield FaultyStorage
    FaultyStorage.unwritable.clear()
    FaultyStorage.undeletable.clear()


@pytest.fixture
def desk(client, photo_desk):
    client.force_login(photo_desk)
    return client


def stored() -> list[str]:
    return sorted(name for folder in MEDIA_FOLDERS for name in walk(default_storage, folder))


def one_still(name: str = "mia.jpg") -> dict:
    fields = {
        "caption": "Emma Stone as Mia.",
        "credit_line": "Dale Robinette/Lionsgate",
        "alt_text": "A woman at a piano.",
        "image": upload(picture("JPEG", (700, 400)), name),
    }
    data = {"stills-TOTAL_FORMS": "1", "stills-INITIAL_FORMS": "0"}
    return data | {f"stills-0-{key}": value for key, value in fields.items()}


# (a) The renditions folder refuses writes -------------------------------------------------


@pytest.fixture
def still_without_renditions(faulty, desk, django_capture_on_commit_callbacks) -> Photo:
    faulty.unwritable.add("renditions")
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(UPLOAD, one_still(), headers=JSON)
    assert response.status_code == 201  # the still itself is saved
    photo = Photo.objects.get()
    assert photo.renditions.count() == 0
    return photo


def test_renditions_storage_refused_are_recorded_on_the_still(still_without_renditions, desk):
    photo = still_without_renditions
    assert photo.renditions_failed_at is not None
    assert stored() == [photo.image.name]  # no rendition file left half-made
    assert "Renditions missing" in desk.get(reverse("desk:library")).content.decode()
    page = desk.get(reverse("desk:still-edit", args=[photo.pk])).content.decode()
    assert "Renditions missing: making them failed" in page
    assert "Make renditions again" in page


def test_remake_renditions_makes_them_once_storage_is_back(still_without_renditions, faulty):
    photo = still_without_renditions
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 still"):
        call_command("remake_renditions", stdout=io.StringIO(), stderr=err)
    assert "permission denied" in err.getvalue()
    assert photo.renditions.count() == 0

    faulty.unwritable.clear()
    out = io.StringIO()
    call_command("remake_renditions", stdout=out)
    assert f"still {photo.pk} “{photo}”: made" in out.getvalue()
    photo.refresh_from_db()
    assert photo.renditions_failed_at is None
    renditions = list(photo.renditions.all())
    assert {r.spec for r in renditions} >= {"w320", "w640", "card", "social"}
    assert stored() == sorted([photo.image.name, *(r.file.name for r in renditions)])
    # Nothing is left to do: a second run makes nothing.
    out = io.StringIO()
    call_command("remake_renditions", stdout=out)
    assert out.getvalue() == ""


def test_the_desk_makes_renditions_again_once_storage_is_back(
    still_without_renditions, faulty, desk
):
    photo = still_without_renditions
    url = reverse("desk:still-renditions", args=[photo.pk])
    response = desk.post(url, follow=True)
    assert "The renditions could not be made: the media storage refused it" in (
        response.content.decode()
    )
    assert photo.renditions.count() == 0

    faulty.unwritable.clear()
    response = desk.post(url, follow=True)
    assert "rendition(s) of “Emma Stone as Mia.”" in response.content.decode()
    assert photo.renditions.count() > 0
    photo.refresh_from_db()
    assert photo.renditions_failed_at is None
    assert "Renditions missing" not in desk.get(reverse("desk:library")).content.decode()


def test_housekeeping_also_makes_renditions_a_lost_task_never_made(faulty):
    old = factories.PhotoFactory(image__width=400, image__height=300)
    young = factories.PhotoFactory(image__width=400, image__height=300)
    Photo.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timezone.timedelta(hours=2))
    out = io.StringIO()
    call_command("remake_renditions", "--dry-run", stdout=out)
    assert f"still {old.pk} " in out.getvalue() and f"still {young.pk} " not in out.getvalue()
    call_command("remake_renditions", stdout=io.StringIO())
    assert old.renditions.exists() and not young.renditions.exists()


# (b) Files storage will not remove --------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_deleting_a_still_whose_files_cannot_be_removed_deletes_it_and_says_so(faulty, desk):
    # Committed for real: the files are removed once the deletion commits, as in production.
    photo = services.save_still(
        Photo(caption="Mia.", credit_line="Lionsgate", alt_text="A pianist."),
        upload(picture("JPEG", (700, 400))),
    )
    files = stored()
    assert len(files) > 1 and photo.renditions.exists()
    faulty.undeletable |= {"stills", "renditions"}

    response = desk.post(reverse("desk:still-delete", args=[photo.pk]), follow=True)

    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        f"Deleted “Mia.”: it is shown nowhere any more. Storage would not remove {len(files)} "
        "of its files just now; the media clean-up (manage.py cleanup_media) removes them "
        "once storage answers."
    ]
    # Nothing half-done: no row is left naming a file, and every file is a known orphan.
    assert not Photo.objects.exists() and not Rendition.objects.exists()
    assert orphan_files(default_storage) == files

    faulty.undeletable.clear()
    call_command("cleanup_media", "--min-age", "0", stdout=io.StringIO())
    assert stored() == []


# (c) The stills folder refuses writes ------------------------------------------------------


def test_an_upload_storage_refuses_answers_json_naming_the_problem(faulty, desk):
    faulty.unwritable.add("stills")
    response = desk.post(UPLOAD, one_still("mia.jpg"), headers=JSON)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    [failure] = response.json()["failed"]
    assert failure["file"] == "mia.jpg"
    assert failure["errors"] == [
        {
            "field": "__all__",
            "label": "Still",
            "message": "The picture could not be stored: the media storage refused it "
            "(permission denied). Nothing was saved; try again in a moment.",
        }
    ]
    assert not Photo.objects.exists()
    assert stored() == []


def test_an_upload_storage_refuses_without_the_script_shows_the_problem(faulty, desk):
    faulty.unwritable.add("stills")
    response = desk.post(UPLOAD, one_still())
    assert response.status_code == 503
    assert "The picture could not be stored: the media storage refused it" in (
        response.content.decode()
    )
    assert not Photo.objects.exists() and stored() == []


# (d) The object store does not answer -------------------------------------------------------


@pytest.fixture
def unreachable_object_store(settings):
    """An S3 storage pointed at a local port nothing listens on, with short timeouts and no
    retries, so the test takes a moment rather than boto3's minutes of backing off."""
    from botocore.config import Config

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "stills",
                "endpoint_url": f"http://127.0.0.1:{port}",
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "file_overwrite": False,
                "client_config": Config(
                    connect_timeout=0.5,
                    read_timeout=0.5,
                    retries={"max_attempts": 1, "mode": "standard"},
                ),
            },
        }
    }


def test_an_upload_while_the_object_store_is_unreachable_saves_nothing(
    unreachable_object_store, desk, media_root
):
    started = time.monotonic()
    response = desk.post(UPLOAD, one_still("mia.jpg"), headers=JSON)
    assert time.monotonic() - started < 10
    assert response.status_code == 503
    [failure] = response.json()["failed"]
    assert failure["file"] == "mia.jpg"
    assert failure["errors"][0]["message"] == (
        "The picture could not be stored: the object storage did not answer. Nothing was "
        "saved; try again in a moment."
    )
    assert not Photo.objects.exists()
    # Nor did anything fall back to the local disk.
    assert not media_root.exists() or not any(media_root.rglob("*.*"))
