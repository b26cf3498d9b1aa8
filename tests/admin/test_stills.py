"""The photo library in the admin: uploads cleaned and rendered, thumbnails, deletion."""

import pytest
from django.urls import reverse

from reviews.models import Photo
from reviews.stills import services
from tests.helpers import processed_still, stored_files
from tests.images import picture, two_colour_jpeg, upload

pytestmark = pytest.mark.django_db


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


def test_admin_list_shows_a_small_rendition_not_the_original(
    client, editor, django_capture_on_commit_callbacks
):
    photo = processed_still(django_capture_on_commit_callbacks)
    client.force_login(editor)
    page = client.get("/admin/reviews/photo/").content.decode()
    assert photo.renditions.get(spec="w320", format="jpeg").file.url in page
    assert f'src="{photo.image.url}"' not in page
