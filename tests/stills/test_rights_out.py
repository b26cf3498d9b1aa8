"""What the stored files say: the rights as XMP, and nothing about the camera, the place
or any person but the credited."""

import io

import pytest
from PIL import Image, IptcImagePlugin, PngImagePlugin

from reviews.stills.metadata import from_xmp
from tests.helpers import new_still
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
