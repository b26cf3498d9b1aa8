"""The admin's still form and its pop-up fill a still from its file as the desk does, and
mark those fields "from the file" for the editor to confirm."""

import pytest
from django.urls import reverse

from reviews.models import Photo
from tests.admin_forms import form_data
from tests.images import picture, studio_still, upload

pytestmark = pytest.mark.django_db

ADD = reverse("admin:reviews_photo_add")


@pytest.fixture
def admin_client(client, photo_desk):
    client.force_login(photo_desk)
    return client


def add(client, content: bytes, **extra):
    return client.post(ADD, {"image": upload(content), "alt_text": "A woman at a piano.", **extra})


@pytest.mark.parametrize(
    ("source", "credit", "caption"),
    [
        ("IPTC", "Dale Robinette/Lionsgate", "Emma Stone as Mia in “La La Land.”"),
        ("XMP", "Dale Robinette/Lionsgate", "Emma Stone as Mia."),
        ("EXIF", "Dale Robinette/Lionsgate", "Emma Stone as Mia."),
        ("all", "XMP Creator/XMP Credit", "IPTC caption."),
    ],
)
def test_admin_add_with_empty_caption_and_credit_takes_them_from_the_file(
    admin_client, source, credit, caption
):
    response = add(admin_client, studio_still(source))
    photo = Photo.objects.get()
    assert (photo.credit_line, photo.caption) == (credit, caption)
    assert photo.from_file["credit_line"] == ("XMP" if source == "all" else source)
    # The still opens again for the editor to confirm what the file filled.
    assert response.status_code == 302
    assert response.url == reverse("admin:reviews_photo_change", args=[photo.pk])
    page = admin_client.get(response.url).content.decode()
    assert "Filled from the file: caption, credit line" in page
    # The credit line is made of XMP's creator and credit when the three disagree.
    assert f"From the file ({'XMP' if source == 'all' else source}): check it" in page


def test_admin_save_confirms_the_fields_from_the_file(admin_client):
    add(admin_client, studio_still("IPTC"))
    photo = Photo.objects.get()
    url = reverse("admin:reviews_photo_change", args=[photo.pk])
    data = form_data(admin_client.get(url))
    data.pop("image", None)
    data |= {"caption": "Emma Stone as Mia.", "film": ""}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo.refresh_from_db()
    assert photo.from_file == {} and photo.caption == "Emma Stone as Mia."
    assert photo.credit_line == "Dale Robinette/Lionsgate"
    assert "From the file" not in admin_client.get(url).content.decode()


def test_admin_pop_up_takes_the_credit_from_the_file_and_closes(admin_client):
    response = add(admin_client, studio_still("IPTC"), _popup="1")
    photo = Photo.objects.get()
    assert response.status_code == 200 and "popup_response" in response.content.decode()
    assert photo.credit_line == "Dale Robinette/Lionsgate" and "credit_line" in photo.from_file


def test_admin_refuses_a_still_without_a_credit_anywhere(admin_client):
    response = add(admin_client, picture(), caption="Mia.")
    assert response.status_code == 200 and not Photo.objects.exists()
    errors = response.context["adminform"].form.errors
    assert errors["credit_line"] == ["This field is required: the file carries no credit to use."]


def test_admin_form_and_pop_up_ask_the_desk_about_a_chosen_file(admin_client):
    for url in (ADD, f"{ADD}?_popup=1"):
        page = admin_client.get(url).content.decode()
        assert f'data-metadata-url="{reverse("desk:still-metadata")}"' in page
        assert "js/still_metadata.js" in page
