"""The photo library in the admin: uploads cleaned and rendered, thumbnails, deletion."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from reviews.models import Photo
from reviews.stills import services
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import admin_url, processed_still, stored_files
from tests.images import picture, two_colour_jpeg, upload
from tests.stills.test_storage_faults import FaultyStorage, faulty, stored  # noqa: F401 (a fixture)

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


def test_admin_delete_removes_the_stills_files(client, editor, django_capture_on_commit_callbacks):
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


def test_photo_changelist_shows_thumbnails(client, editor, content):
    client.force_login(editor)
    response = client.get(admin_url(Photo, "changelist"))
    assert content[Photo].image.url in response.content.decode()


def test_photo_desk_uploads_a_still_and_is_recorded_as_uploader(client, photo_desk):
    client.force_login(photo_desk)
    image = factories.PhotoFactory.build().image
    response = client.post(
        admin_url(Photo, "add"),
        {
            "image": image,
            "caption": "Emma Stone as Mia.",
            "credit_line": "Dale Robinette/Lionsgate",
            "alt_text": "A woman in a yellow dress.",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.uploaded_by == photo_desk
    assert (photo.width, photo.height) == (64, 36)


def test_photo_admin_refuses_a_file_that_is_not_an_image(client, photo_desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(photo_desk)
    fake = SimpleUploadedFile("still.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    response = client.post(
        admin_url(Photo, "add"),
        {"image": fake, "caption": "c", "credit_line": "c", "alt_text": "a"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not Photo.objects.exists()


def test_moving_the_focal_point_in_the_admin_remakes_the_crops(
    client, photo_desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = services.save_still(
            Photo(caption="Mia.", credit_line="Lionsgate", alt_text="A pianist.", focal_x=0.1),
            upload(two_colour_jpeg(size=(800, 200))),
        )
    widths_before = set(
        photo.renditions.exclude(spec__in=["card", "social"]).values_list("file", flat=True)
    )
    client.force_login(photo_desk)
    url = reverse("admin:reviews_photo_change", args=[photo.pk])
    data = form_data(client.get(url))
    data.pop("image", None)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data | {"focal_x": "0.9", "focal_y": "0.5"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.focal_x == 0.9
    social = photo.renditions.get(spec="social", format="jpeg")
    with social.file.open("rb") as handle:
        picture = Image.open(io.BytesIO(handle.read()))
        picture.load()
    assert picture.getpixel((100, 100))[2] > 200  # blue: cut from the right-hand side now
    widths_after = set(
        photo.renditions.exclude(spec__in=["card", "social"]).values_list("file", flat=True)
    )
    assert widths_after == widths_before  # the widths do not depend on the focal point


# Storage refusing a picture -----------------------------------------------------------------

STORAGE_REFUSED = (
    "The picture could not be stored: the media storage refused it (permission denied). "
    "Nothing was saved; try again in a moment."
)


@pytest.mark.usefixtures("faulty")
def test_an_admin_upload_storage_refuses_is_an_error_on_the_form(client, photo_desk):
    FaultyStorage.unwritable.add("stills")
    client.force_login(photo_desk)

    response = client.post(
        reverse("admin:reviews_photo_add"),
        {
            "image": upload(picture("JPEG", (700, 400)), "mia.jpg"),
            "caption": "Emma Stone as Mia.",
            "credit_line": "Dale Robinette/Lionsgate",
            "alt_text": "A woman at a piano.",
        },
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {"image": [STORAGE_REFUSED]}
    assert "Emma Stone as Mia." in response.content.decode()  # what was typed stays
    assert not Photo.objects.exists()
    assert stored() == []


@pytest.mark.usefixtures("faulty")
def test_an_admin_replacement_storage_refuses_keeps_the_old_picture_and_words(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = services.save_still(
            Photo(caption="As it was.", credit_line="c", alt_text="a"),
            upload(picture(size=(400, 300))),
        )
    files = stored()
    client.force_login(editor)
    url = reverse("admin:reviews_photo_change", args=[photo.pk])
    data = form_data(client.get(url)) | {
        "image": upload(picture("JPEG", (700, 400)), "new.jpg"),
        "caption": "Never saved.",
    }
    FaultyStorage.unwritable.add("stills")

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"image": [STORAGE_REFUSED]}
    photo.refresh_from_db()
    assert photo.caption == "As it was."
    assert stored() == files


def test_a_bulk_deletion_of_unused_stills_removes_them_and_their_files(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photos = [
            services.save_still(
                Photo(caption=f"Still {n}.", credit_line="c", alt_text="a"),
                upload(picture(size=(400, 300))),
            )
            for n in range(2)
        ]
    client.force_login(editor)
    url = reverse("admin:reviews_photo_changelist")
    chosen = [photo.pk for photo in photos]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "delete_selected", "_selected_action": chosen, "post": "yes"}
        )

    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert stored_files() == []
