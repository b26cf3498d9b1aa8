"""The desk fills a still's caption, credit and rights from the file, marked "from the
file" until an editor confirms them; a file is read before it is uploaded, too."""

import datetime

import pytest
from django.urls import reverse

from reviews.models import Photo
from tests import factories
from tests.helpers import stored_files
from tests.images import picture, studio_still, upload

pytestmark = pytest.mark.django_db

UPLOAD = reverse("desk:upload")
METADATA = reverse("desk:still-metadata")

#: What each file prefills (see tests/images.py), and the source each field came from.
EXPECTED = {
    "IPTC": (
        {
            "caption": "Emma Stone as Mia in “La La Land.”",
            "credit_line": "Dale Robinette/Lionsgate",
            "creator": "Dale Robinette",
            "rights_holder": "Lionsgate",
            "copyright_notice": "© 2016 Lionsgate. All rights reserved.",
            "licence_url": "",
            "acquire_licence_url": "",
            "usage_terms": "Editorial use only, for reviews of the film.",
            "usage_expires": datetime.date(2027, 6, 30),
        },
        "IPTC",
    ),
    "XMP": (
        {
            "caption": "Emma Stone as Mia.",
            "credit_line": "Dale Robinette/Lionsgate",
            "creator": "Dale Robinette",
            "rights_holder": "Lionsgate",
            "copyright_notice": "© 2016 Lionsgate",
            "licence_url": "https://lionsgate.example/rights/la-la-land",
            "acquire_licence_url": "https://lionsgate.example/licensing",
            "usage_terms": "Editorial use only.",
            "usage_expires": datetime.date(2027, 12, 31),
        },
        "XMP",
    ),
    "EXIF": (
        {
            "caption": "Emma Stone as Mia.",
            "credit_line": "Dale Robinette/Lionsgate",
            "creator": "Dale Robinette",
            "rights_holder": "Lionsgate",
            "copyright_notice": "Copyright 2016 Lionsgate",
            "licence_url": "",
            "acquire_licence_url": "",
            "usage_terms": "",
            "usage_expires": None,
        },
        "EXIF",
    ),
}


def one_still(image, **fields) -> dict:
    data = {"stills-TOTAL_FORMS": "1", "stills-INITIAL_FORMS": "0", "stills-0-image": image,
            "stills-0-alt_text": "A woman at a piano."}  # fmt: skip
    return data | {f"stills-0-{name}": value for name, value in fields.items()}


@pytest.fixture
def desk(client, photo_desk):
    client.force_login(photo_desk)
    return client


@pytest.mark.parametrize("source", ["IPTC", "XMP", "EXIF"])
def test_upload_with_empty_fields_is_filled_from_the_files_own_metadata(desk, source):
    expected, origin = EXPECTED[source]
    response = desk.post(
        UPLOAD, one_still(upload(studio_still(source))), headers={"Accept": "application/json"}
    )
    assert response.status_code == 201, response.json()
    photo = Photo.objects.get()
    assert {name: getattr(photo, name) for name in expected} == expected
    filled = {name for name, value in expected.items() if value}
    assert photo.from_file == dict.fromkeys(filled, origin)
    assert response.json()["saved"][0]["from_file"] == photo.from_file


def test_upload_of_a_file_whose_sources_disagree_takes_each_field_by_the_documented_order(desk):
    desk.post(UPLOAD, one_still(upload(studio_still("all"))))
    photo = Photo.objects.get()
    assert photo.creator == "XMP Creator"  # XMP over IPTC's By-line and EXIF's Artist
    assert photo.credit_line == "XMP Creator/XMP Credit"
    assert photo.caption == "IPTC caption."  # no XMP caption: IPTC's over EXIF's
    assert photo.copyright_notice == "EXIF Holder"  # only EXIF has one
    assert photo.from_file["caption"] == "IPTC" and photo.from_file["creator"] == "XMP"


def test_what_the_editor_typed_is_kept_and_not_marked(desk):
    desk.post(
        UPLOAD,
        one_still(upload(studio_still("IPTC")), caption="Mia.", credit_line="Lionsgate handout"),
    )
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit_line) == ("Mia.", "Lionsgate handout")
    assert "caption" not in photo.from_file and "credit_line" not in photo.from_file
    assert photo.from_file["rights_holder"] == "IPTC"


def test_upload_page_without_script_names_the_fields_from_the_file(desk):
    page = desk.post(UPLOAD, one_still(upload(studio_still("IPTC")))).content.decode()
    assert "From the file: caption, credit line" in page


def test_still_page_marks_the_fields_from_the_file_and_saving_confirms_them(desk):
    desk.post(UPLOAD, one_still(upload(studio_still("XMP"))))
    photo = Photo.objects.get()
    url = reverse("desk:still-edit", args=[photo.pk])
    page = desk.get(url).content.decode()
    assert "Filled from the file's own metadata, not yet confirmed" in page
    assert page.count("From the file (XMP): check it; saving confirms it.") == len(photo.from_file)
    assert 'data-from-file="XMP"' in page
    form = desk.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"credit_line": "Dale Robinette/Lionsgate Films", "film": ""}
    response = desk.post(url, data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.from_file == {} and photo.credit_line == "Dale Robinette/Lionsgate Films"
    assert "From the file" not in desk.get(url).content.decode()


def test_a_file_is_read_before_it_is_uploaded_and_nothing_is_kept(desk):
    response = desk.post(METADATA, {"image": upload(studio_still("IPTC"))})
    assert response.status_code == 200
    answer = response.json()
    assert answer["fields"]["credit_line"] == "Dale Robinette/Lionsgate"
    assert answer["fields"]["usage_expires"] == "2027-06-30"
    assert answer["sources"]["credit_line"] == "IPTC"
    assert not Photo.objects.exists() and stored_files() == []


@pytest.mark.parametrize(
    "content", [b"not an image at all", picture("PNG"), b"\xff\xd8\xff\xe1\x00\x02garbage"]
)
def test_a_file_with_nothing_to_read_answers_no_fields(desk, content):
    response = desk.post(METADATA, {"image": upload(content)})
    assert response.status_code == 200 and response.json() == {"fields": {}, "sources": {}}


def test_reading_a_file_needs_one(desk):
    response = desk.post(METADATA, {})
    assert response.status_code == 400 and "image" in response.json()["error"]


def test_reading_a_file_is_for_those_who_may_upload(client):
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.post(METADATA, {"image": upload(studio_still("IPTC"))}).status_code == 403


def test_upload_form_asks_the_desk_about_a_chosen_file(desk):
    page = desk.get(UPLOAD).content.decode()
    assert f'data-metadata-url="{METADATA}"' in page and "js/still_metadata.js" in page


def test_the_head_of_a_large_jpeg_is_enough_to_read_it(desk):
    """The page's script sends only a JPEG's first 512 KB (its metadata segments come
    before the picture), so a large still is not sent twice before its upload."""
    import io

    from PIL import Image

    from tests.images import IPTC_ONLY, photoshop_segment

    noise = Image.effect_noise((2400, 1600), 120).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    picture_bytes = buffer.getvalue()
    content = picture_bytes[:2] + photoshop_segment(IPTC_ONLY) + picture_bytes[2:]
    assert len(content) > 1024 * 1024
    response = desk.post(METADATA, {"image": upload(content[: 512 * 1024])})
    assert response.json()["fields"]["credit_line"] == "Dale Robinette/Lionsgate"
