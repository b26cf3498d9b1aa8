"""Stills through Django's storage API: the local disk always, and an S3-compatible object
store when selected with ``-m s3`` (``make test-s3`` starts one: moto in server mode)."""

import io
import os
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.template import Context, Template
from PIL import Image

from reviews.models import Photo
from reviews.stills import services
from tests.helpers import new_still, stored_files
from tests.images import GPS_IFD, two_colour_jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["filesystem", pytest.param("s3", marks=pytest.mark.s3)])
def storage(request, settings):
    """The default storage: a temporary folder, or a fresh bucket on the S3 endpoint."""
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


def test_still_and_renditions_are_written_and_read_through_storage(
    storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(two_colour_jpeg(size=(700, 300), orientation=6, gps=True))
    renditions = list(photo.renditions.all())
    assert stored_files(storage) == sorted([photo.image.name] + [r.file.name for r in renditions])
    with storage.open(photo.image.name, "rb") as handle:
        original = Image.open(io.BytesIO(handle.read()))
    assert original.size == (300, 700) and not original.getexif().get_ifd(GPS_IFD)
    html = Template("{% load stills %}{% still photo %}").render(
        Context({"photo": Photo.objects.prefetch_related("renditions").get(pk=photo.pk)})
    )
    webp = photo.renditions.get(spec="w300", format="webp")
    assert storage.url(webp.file.name) in html


def test_deleting_a_still_empties_storage(storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(two_colour_jpeg(size=(500, 300)))
    assert stored_files(storage)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_still(photo)
    assert stored_files(storage) == []


def test_refused_upload_leaves_storage_empty(storage):
    with pytest.raises(Exception, match="disguised"):
        new_still(b"<html><body>not a picture</body></html>")
    assert stored_files(storage) == []


def test_cleanup_media_removes_orphans_from_storage(storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(two_colour_jpeg(size=(500, 300)))
    orphan = storage.save("renditions/2020/01/orphan-w320.webp", ContentFile(b"x"))
    out = io.StringIO()
    call_command("cleanup_media", "--dry-run", "--min-age", "0", stdout=out)
    assert f"would remove {orphan}" in out.getvalue() and storage.exists(orphan)
    call_command("cleanup_media", "--min-age", "0", stdout=io.StringIO())
    assert not storage.exists(orphan)
    assert storage.exists(photo.image.name)
