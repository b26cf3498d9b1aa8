"""What the stored files say: the rights as XMP, and nothing about the camera, the place
or any person but the credited."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image, IptcImagePlugin, PngImagePlugin

from reviews.stills import services
from reviews.stills.metadata import from_xmp
from tests.helpers import new_still, opened
from tests.images import (
    ARTIST,
    BODY_SERIAL_NUMBER,
    EXIF_IFD,
    GPS_IFD,
    iptc_block,
    tagged_jpeg,
    xmp_packet,
)

pytestmark = pytest.mark.django_db

AGENCY_XMP = xmp_packet(
    "<dc:creator><rdf:Seq><rdf:li>Dale Robinette</rdf:li></rdf:Seq></dc:creator>"
    "<exif:OwnerName>Jo Private</exif:OwnerName>",
    attributes='photoshop:Credit="Lionsgate" photoshop:City="Santa Monica" '
    'xmpRights:WebStatement="https://lionsgate.example/rights"',
)
AGENCY_IPTC = iptc_block(
    {(2, 116): "© 2016 Lionsgate", (2, 90): "Los Angeles", (2, 118): "Jo Private, +1 555 0100"}
)
#: What must reach no stored file: the camera, its owner, the software, the place.
PRIVATE = [b"SN-123456", b"Canon", b"EOS R5", b"Photoshop 25", b"Jo Private", b"Santa Monica",
           b"Los Angeles", b"555 0100"]  # fmt: skip


def stored(field) -> tuple[Image.Image, bytes]:
    with field.open("rb") as handle:
        raw = handle.read()
    image = Image.open(io.BytesIO(raw))
    image.load()
    return image, raw


def test_no_stored_file_keeps_camera_place_or_person_but_each_carries_the_rights(
    django_capture_on_commit_callbacks,
):
    content = tagged_jpeg(
        iptc=AGENCY_IPTC, xmp=AGENCY_XMP, exif={ARTIST: "Dale Robinette"}, gps=True
    )
    assert all(secret in content for secret in PRIVATE)  # the upload does carry them
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(content, credit_line="")
    assert photo.credit_line == "Dale Robinette/Lionsgate"
    files = [photo.image, *(r.file for r in photo.renditions.all())]
    assert {r.format for r in photo.renditions.all()} == {"webp", "jpeg"} and len(files) > 5
    for field in files:
        image, raw = stored(field)
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD) and not exif.get_ifd(EXIF_IFD), field.name
        assert BODY_SERIAL_NUMBER not in exif and ARTIST not in exif, field.name
        assert len(exif) == 0, field.name  # no make, model, software or thumbnail either
        assert not IptcImagePlugin.getiptcinfo(image), field.name
        assert [s for s in PRIVATE if s in raw] == [], field.name
        assert from_xmp(image) == {
            "creator": "Dale Robinette",
            "credit": "Dale Robinette/Lionsgate",
            "copyright_notice": "© 2016 Lionsgate",
            "web_statement": "https://lionsgate.example/rights",
        }, field.name


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_originals_carry_the_rights_too(fmt):
    buffer = io.BytesIO()
    if fmt == "PNG":  # a PNG keeps its XMP in an iTXt chunk
        options = {"pnginfo": PngImagePlugin.PngInfo()}
        options["pnginfo"].add_itxt("XML:com.adobe.xmp", AGENCY_XMP.decode())
    else:
        options = {"xmp": AGENCY_XMP}
    Image.new("RGB", (60, 40), "red").save(buffer, fmt, **options)
    photo = new_still(buffer.getvalue(), name=f"still.{fmt.lower()}", credit_line="")
    image, raw = stored(photo.image)
    assert image.format == fmt
    assert from_xmp(image)["credit"] == "Dale Robinette/Lionsgate"
    assert b"Jo Private" not in raw and b"Santa Monica" not in raw


def test_rights_the_editor_typed_are_what_the_files_carry(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(
            tagged_jpeg(xmp=AGENCY_XMP),
            credit_line="Lionsgate handout",
            copyright_notice="© Lionsgate",
        )
    for field in [photo.image, *(r.file for r in photo.renditions.all())]:
        image, _raw = stored(field)
        found = from_xmp(image)
        assert found["credit"] == "Lionsgate handout", field.name
        assert found["copyright_notice"] == "© Lionsgate", field.name


def test_changed_rights_reach_the_original_and_every_rendition(
    client, photo_desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(tagged_jpeg(xmp=AGENCY_XMP), credit_line="")
    old_files = {photo.image.name, *(r.file.name for r in photo.renditions.all())}
    before = opened(photo.image)
    client.force_login(photo_desk)
    url = reverse("desk:still-edit", args=[photo.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields} | {"film": ""}
    data |= {"credit_line": "Lionsgate handout", "licence_url": "https://lionsgate.example/v2"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    photo.refresh_from_db()
    files = [photo.image, *(r.file for r in photo.renditions.all())]
    assert len(files) == len(old_files)
    assert not old_files & {field.name for field in files}  # all new: no cache serves old ones
    assert not any(default_storage.exists(name) for name in old_files)
    for field in files:
        found = from_xmp(stored(field)[0])
        assert found["credit"] == "Lionsgate handout", field.name
        assert found["web_statement"] == "https://lionsgate.example/v2", field.name
        assert found["creator"] == "Dale Robinette", field.name
    # The JPEG original's picture is untouched: its XMP was swapped, not encoded again.
    assert opened(photo.image).tobytes() == before.tobytes()


def test_rights_unchanged_leave_the_files_alone(
    client, photo_desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(tagged_jpeg(xmp=AGENCY_XMP), credit_line="")
    names = {photo.image.name, *(r.file.name for r in photo.renditions.all())}
    client.force_login(photo_desk)
    url = reverse("desk:still-edit", args=[photo.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields} | {"film": ""}
    data |= {"caption": "A new caption."}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    photo.refresh_from_db()
    assert {photo.image.name, *(r.file.name for r in photo.renditions.all())} == names


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_changed_rights_reach_png_and_webp_originals(fmt, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "red").save(buffer, fmt)
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(buffer.getvalue(), name=f"still.{fmt.lower()}")
    photo.copyright_notice = "© 2016 Lionsgate"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_still(photo)
    photo.refresh_from_db()
    image = stored(photo.image)[0]
    assert image.format == fmt and from_xmp(image)["copyright_notice"] == "© 2016 Lionsgate"
