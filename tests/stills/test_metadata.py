"""A still's own metadata read in: XMP, IPTC IIM and EXIF, believed in that order, field by
field; and what they prefill. Garbled metadata never fails an upload."""

import datetime
import io

import pytest
from PIL import Image

from reviews.stills.metadata import (
    RightsOut,
    from_xmp,
    holder_from_notice,
    prefill,
    prefill_sources,
    read_metadata,
    rights_xmp,
)
from tests.helpers import new_still
from tests.images import (
    ARTIST,
    EXIF_ONLY,
    IMAGE_DESCRIPTION,
    IPTC_ONLY,
    XMP_ONLY,
    iptc_block,
    photoshop_segment,
    picture,
    studio_still,
    tagged_jpeg,
    xmp_packet,
)

pytestmark = pytest.mark.django_db


def metadata_of(content: bytes):
    with Image.open(io.BytesIO(content)) as image:
        return read_metadata(image)


def test_iptc_only_file_prefills_caption_credit_holder_terms_and_expiry():
    meta = metadata_of(tagged_jpeg(iptc=IPTC_ONLY))
    assert set(meta.sources.values()) == {"IPTC"}
    assert prefill(meta) == {
        "caption": "Emma Stone as Mia in “La La Land.”",
        "credit_line": "Dale Robinette/Lionsgate",
        "creator": "Dale Robinette",
        "rights_holder": "Lionsgate",
        "copyright_notice": "© 2016 Lionsgate. All rights reserved.",
        "usage_terms": "Editorial use only, for reviews of the film.",
        "usage_expires": datetime.date(2027, 6, 30),
    }
    assert set(prefill_sources(meta).values()) == {"IPTC"}


def test_xmp_only_file_prefills_every_rights_field():
    meta = metadata_of(tagged_jpeg(xmp=XMP_ONLY))
    assert set(meta.sources.values()) == {"XMP"}
    assert prefill(meta) == {
        "caption": "Emma Stone as Mia.",  # the x-default language, not the first
        "credit_line": "Dale Robinette/Lionsgate",
        "creator": "Dale Robinette",
        "rights_holder": "Lionsgate",
        "copyright_notice": "© 2016 Lionsgate",
        "licence_url": "https://lionsgate.example/rights/la-la-land",
        "acquire_licence_url": "https://lionsgate.example/licensing",
        "usage_terms": "Editorial use only.",
        "usage_expires": datetime.date(2027, 12, 31),
    }


def test_exif_only_file_prefills_caption_credit_and_holder():
    meta = metadata_of(tagged_jpeg(exif=EXIF_ONLY))
    assert set(meta.sources.values()) == {"EXIF"}
    assert prefill(meta) == {
        "caption": "Emma Stone as Mia.",
        "credit_line": "Dale Robinette/Lionsgate",
        "creator": "Dale Robinette",
        "rights_holder": "Lionsgate",
        "copyright_notice": "Copyright 2016 Lionsgate",
    }


def test_when_all_three_disagree_xmp_wins_then_iptc_then_exif_field_by_field():
    meta = metadata_of(studio_still("all"))
    assert (meta.creator, meta.credit) == ("XMP Creator", "XMP Credit")
    assert meta.description == "IPTC caption."  # XMP has none: IPTC before EXIF
    assert meta.copyright_notice == "EXIF Holder"  # only EXIF has one
    assert meta.sources == {
        "creator": "XMP", "credit": "XMP", "description": "IPTC", "copyright_notice": "EXIF"
    }  # fmt: skip
    values = prefill(meta)
    assert values["credit_line"] == "XMP Creator/XMP Credit"
    assert values["caption"] == "IPTC caption."
    assert prefill_sources(meta)["caption"] == "IPTC"


def test_repeated_by_lines_and_an_unnamed_character_set_are_read():
    iptc = iptc_block({(2, 80): ["Dale Robinette", "Jo Smith"], (2, 110): "Café Films"}, False)
    meta = metadata_of(tagged_jpeg(iptc=iptc))
    assert meta.creator == "Dale Robinette; Jo Smith"
    assert meta.credit == "Café Films"  # Windows-1252, as old agency software wrote it


@pytest.mark.parametrize(
    "xmp",
    [
        b"<x:xmpmeta><rdf:RDF>not closed",
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&lol2;</x:xmpmeta>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b"\xff\xfe\x00garbage",
    ],
    ids=["unclosed", "billion-laughs", "external-entity", "binary"],
)
def test_bad_xmp_is_left_out_and_the_other_sources_still_count(xmp):
    meta = metadata_of(tagged_jpeg(xmp=xmp, iptc=iptc_block({(2, 110): "Lionsgate"})))
    assert meta.credit == "Lionsgate" and meta.sources == {"credit": "IPTC"}


def test_garbled_iptc_and_exif_never_fail_an_upload():
    truncated = photoshop_segment(b"\x1c\x02\x50\xff\xffDale")  # a length past the end
    content = picture("JPEG", (400, 300))
    content = content[:2] + truncated + content[2:]
    photo = new_still(content, credit_line="Studio handout")
    assert photo.pk and photo.credit_line == "Studio handout"
    meta = metadata_of(tagged_jpeg(exif={ARTIST: "\x00\x01\x02", IMAGE_DESCRIPTION: "   "}))
    assert prefill(meta) == {}


def test_an_invalid_web_statement_or_date_is_not_prefilled():
    xmp = xmp_packet(
        "<plus:LicenseEndDate>someday</plus:LicenseEndDate>",
        attributes='xmpRights:WebStatement="javascript:alert(1)"',
    )
    meta = metadata_of(tagged_jpeg(xmp=xmp))
    assert meta.web_statement == "javascript:alert(1)" and meta.expires is None
    assert prefill(meta) == {}


@pytest.mark.parametrize(
    ("notice", "holder"),
    [
        ("© 2016 Lionsgate. All rights reserved.", "Lionsgate"),
        ("(c) 2015-2016 Summit Entertainment, LLC", "Summit Entertainment, LLC"),
        ("Copyright Lionsgate", "Lionsgate"),
        ("Lionsgate", "Lionsgate"),
    ],
)
def test_rights_holder_is_the_copyright_notice_without_symbol_year_and_reservation(notice, holder):
    assert holder_from_notice(notice) == holder


def test_rights_xmp_round_trips_and_escapes_editor_text():
    rights = RightsOut(
        creator="Dale <Robinette> & Co",
        credit_line="Dale Robinette/Lionsgate",
        copyright_notice='© 2016 "Lionsgate"\x01',
        web_statement="https://lionsgate.example/rights?a=1&b=2",
        licensor_url="https://lionsgate.example/licensing",
    )
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "JPEG", xmp=rights_xmp(rights))
    with Image.open(buffer) as image:
        found = from_xmp(image)
    assert found == {
        "creator": "Dale <Robinette> & Co",
        "credit": "Dale Robinette/Lionsgate",
        "copyright_notice": '© 2016 "Lionsgate"',
        "web_statement": "https://lionsgate.example/rights?a=1&b=2",
        "licensor_url": "https://lionsgate.example/licensing",
    }
    assert rights_xmp(RightsOut()) == b""
