"""Acceptance of stills (issue 5) and film imports (issue 7): what the other modules left.

A still's focal point edited in the admin remakes its crops as the desk's edit does; the
importer tells CSV from JSON by content when the file's name does not say, and reads
tab-separated files; a CLI run with a non-zero exit names the reason in one line.
"""

import io

import pytest
from django.urls import reverse
from PIL import Image

from reviews.models import Photo
from reviews.stills import services
from tests.admin_forms import form_data
from tests.images import two_colour_jpeg, upload

pytestmark = pytest.mark.django_db


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
