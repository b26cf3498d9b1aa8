"""manage.py cleanup_media: files no still or rendition names are found and removed."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from reviews.models import Photo
from reviews.stills import services
from tests.helpers import new_still, run_command, stored_files
from tests.images import picture, two_colour_jpeg, upload

pytestmark = pytest.mark.django_db


def test_cleanup_media_dry_run_reports_orphans_and_keeps_them(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = services.save_still(
            Photo(caption="c", credit_line="c", alt_text="a"), upload(picture(size=(400, 300)))
        )
    orphan = default_storage.save("stills/2020/01/left-behind.jpg", ContentFile(b"x"))
    rendition_orphan = default_storage.save("renditions/2020/01/old-w320.webp", ContentFile(b"x"))
    owned = stored_files()
    assert "0 orphan file(s) would be removed." in run_command("cleanup_media", "--dry-run")
    output = run_command("cleanup_media", "--dry-run", "--min-age", "0")
    assert f"would remove {orphan}" in output and f"would remove {rendition_orphan}" in output
    assert "2 orphan file(s) would be removed." in output
    assert stored_files() == owned
    output = run_command("cleanup_media", "--min-age", "0")
    assert "2 orphan file(s) removed." in output
    assert not default_storage.exists(orphan) and not default_storage.exists(rendition_orphan)
    assert default_storage.exists(photo.image.name)
    assert len(stored_files()) == 1 + photo.renditions.count()


def test_cleanup_media_refuses_a_negative_age():
    with pytest.raises(CommandError, match="--min-age must be 0 or more minutes, not -5"):
        call_command("cleanup_media", "--min-age", "-5")


def test_cleanup_media_with_nothing_stored():
    assert "0 orphan file(s) would be removed." in run_command("cleanup_media", "--dry-run")


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
