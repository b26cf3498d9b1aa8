"""Fixtures for every test: a temporary media root, the three roles, the storage (disk, or
S3 with ``-m s3``) and the films the admin's import reads."""

import os
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage

from reviews.importing import import_films
from reviews.models import Film
from tests import factories
from tests.helpers import FILMS_CSV


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into the repository (and so do the files of
    stills withdrawn when their rights expire)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WITHDRAWN_MEDIA_ROOT = tmp_path / "withdrawn"
    return settings.MEDIA_ROOT


def _member_of(group: str, **kwargs):
    user = factories.UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _member_of("Editor", username="editor")


@pytest.fixture
def critic_user(db):
    user = _member_of("Critic", username="critic")
    factories.CriticFactory(user=user, name="Tomás Okafor", slug="tomas-okafor")
    return user


@pytest.fixture
def photo_desk(db):
    return _member_of("Photo desk", username="photodesk")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: its database is rolled back between tests, so a
    content version can come round again with other rows behind it (never so in production)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing with the production hasher costs ~0.1 s a user; tests do not need that."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(params=["filesystem", pytest.param("s3", marks=pytest.mark.s3)])
def storage(request, settings):
    """The default storage: a temporary folder, or a fresh bucket on the S3 endpoint.

    The S3 case runs with ``-m s3`` only (``make test-s3`` starts moto in server mode).
    """
    if request.param == "filesystem":
        yield default_storage
        return
    endpoint = os.environ.get("NEWSROOM_S3_ENDPOINT")
    if not endpoint:
        pytest.fail("The s3 tests need NEWSROOM_S3_ENDPOINT (run them with `make test-s3`).")
    import boto3

    bucket = f"newsroom-test-{uuid.uuid4().hex[:12]}"
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "querystring_auth": False,
                "file_overwrite": False,
            },
        }
    }
    assert type(default_storage._wrapped).__name__ != "FileSystemStorage"
    yield default_storage
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


@pytest.fixture
def imported_la_la_land(db):
    """La La Land (with Moonlight) imported from ``FILMS_CSV``, a genre and a crew credit added."""
    import_films(FILMS_CSV.encode(), "films.csv")
    film = Film.objects.get(title="La La Land")
    film.genres.add(factories.GenreFactory(name="Musical", slug="musical"))
    factories.CreditFactory(
        film=film, person=factories.PersonFactory(name="Tom Cross", slug="tom-cross"),
        role="other", character="", job="Production designer",
    )  # fmt: skip
    return film
