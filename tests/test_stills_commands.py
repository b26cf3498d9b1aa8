import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from reviews.models import Photo
from reviews.stills import services
from tests import factories
from tests.helpers import run_command, stored_files
from tests.images import picture, two_colour_jpeg, upload

pytestmark = pytest.mark.django_db


def test_stills_expiring_lists_those_within_the_days_asked():
    today = timezone.localdate()
    factories.PhotoFactory(caption="Goes in a week.", usage_expires=today + datetime.timedelta(7))
    factories.PhotoFactory(caption="Goes in a year.", usage_expires=today + datetime.timedelta(365))
    factories.PhotoFactory(caption="Already gone.", usage_expires=today - datetime.timedelta(1))
    factories.PhotoFactory(caption="Never goes.")
    output = run_command("stills_expiring", "--days", "10")
    assert "1 still(s) whose rights expire in the next 10 days" in output
    assert "Goes in a week." in output and "(in 7 days)" in output
    assert "Goes in a year." not in output and "Already gone." not in output


def test_stills_expiring_says_so_when_none_expire():
    assert "No still's rights expire in the next 5 days." in run_command(
        "stills_expiring", "--days", "5"
    )


def test_stills_expiring_refuses_negative_days():
    with pytest.raises(CommandError, match="--days must be 0 or more, not -3"):
        call_command("stills_expiring", "--days", "-3")


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


def test_admin_upload_is_cleaned_and_gets_renditions(
    client, photo_desk, django_capture_on_commit_callbacks
):
    client.force_login(photo_desk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reviews_photo_add"),
            {
                "image": upload(two_colour_jpeg(size=(700, 300), orientation=6, gps=True)),
                "caption": "Emma Stone as Mia.",
                "credit_line": "Dale Robinette/Lionsgate",
                "alt_text": "A woman in a yellow dress.",
            },
        )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (300, 700)  # turned upright
    assert photo.renditions.filter(spec="social").count() == 2
    change = client.get(reverse("admin:reviews_photo_change", args=[photo.pk])).content.decode()
    assert "social webp" in change and 'name="focal_x"' in change


def test_admin_delete_removes_files(client, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = services.save_still(
            Photo(caption="c", credit_line="c", alt_text="a"), upload(picture(size=(400, 300)))
        )
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reviews_photo_delete", args=[photo.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert stored_files() == []
