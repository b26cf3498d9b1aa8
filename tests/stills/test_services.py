"""A still's writes: the cleaned original, its row, its renditions and its files, together.

The tests taking the ``storage`` fixture run on the local disk, and on an S3-compatible object
store when selected with ``-m s3``."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.template import Context, Template
from PIL import Image

from reviews.models import Photo, Rendition
from reviews.stills import services
from tests import factories
from tests.helpers import new_still, stored_files
from tests.images import GPS_IFD, picture, two_colour_jpeg, upload

pytestmark = pytest.mark.django_db


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


def test_a_typed_credit_line_wins_over_the_embedded_one():
    photo = new_still(two_colour_jpeg(artist="Someone"), credit_line="Studio handout")
    assert photo.credit_line == "Studio handout"


def test_without_any_credit_line_the_still_is_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError) as caught:
        new_still(two_colour_jpeg(), credit_line="")
    assert "credit_line" in caught.value.message_dict
    assert stored_files() == []


def test_a_failed_save_leaves_no_file_in_storage(monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Photo, "save", refuse)
    with pytest.raises(IntegrityError):
        new_still(picture("JPEG"))
    assert stored_files() == []


def test_a_focal_point_outside_the_picture_is_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError) as caught:
        new_still(picture("JPEG"), focal_x=1.5)
    assert "The focal point must lie inside the picture." in str(caught.value)
    assert stored_files() == []


def test_a_refused_upload_leaves_no_file_in_storage():
    with pytest.raises(ValidationError):
        new_still(b"<html><script>alert(1)</script></html>")
    assert stored_files() == []


def test_deleting_a_still_deletes_its_files_and_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(picture("JPEG", size=(700, 400)))
    assert len(stored_files()) == 1 + photo.renditions.count()
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_still(photo)
    assert stored_files() == []
    assert not Rendition.objects.exists()


def test_a_still_placed_in_a_review_cannot_be_deleted():
    placement = factories.ReviewStillFactory()
    with pytest.raises(ValidationError) as caught:
        services.delete_still(placement.photo)
    assert "placed in 1 review(s)" in caught.value.messages[0]
    assert Photo.objects.filter(pk=placement.photo.pk).exists()


def test_replacing_the_picture_removes_the_old_files(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(picture("JPEG", size=(700, 400)), "first.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_still(photo, upload(picture("PNG", size=(500, 300)), "second.png"))
    names = stored_files()
    assert not any("first" in name for name in names)
    assert photo.image.name.endswith(".png") and (photo.width, photo.height) == (500, 300)
    assert photo.renditions.get(spec="w500", format="webp")


def test_a_stills_files_cannot_be_found_by_guessing_the_cameras_file_name(
    django_capture_on_commit_callbacks,
):
    def upload_named(name: str) -> Photo:
        photo = Photo(caption="Embargoed.", credit_line="Studio", alt_text="A still.")
        with django_capture_on_commit_callbacks(execute=True):
            return services.save_still(photo, SimpleUploadedFile(name, picture(size=(400, 300))))

    first, second = upload_named("IMG_1234.jpg"), upload_named("IMG_1234.jpg")

    folder, name = first.image.name.rsplit("/", 1)
    token = name.removesuffix("-IMG_1234.jpg")
    assert name.endswith("-IMG_1234.jpg") and len(token) >= 12
    assert second.image.name.rsplit("/", 1)[1] != name
    renditions = [r.file.name for r in first.renditions.all()]
    assert renditions and all(token in rendition for rendition in renditions)
