"""What an uploaded still says about itself: its credit, caption and rights, read from the
file's XMP, IPTC IIM and EXIF, and the fields of a still they prefill.

Agencies and studios send stills with the credit and rights in the file. Three places may
hold them, and they may disagree; for each field the first of these that gives a value wins:

1. **XMP** (``dc:creator``, ``photoshop:Credit``, ``dc:rights``, ``dc:description``,
   ``xmpRights:WebStatement``, ``xmpRights:UsageTerms``, ``plus:Licensor``,
   ``plus:CopyrightOwner``, ``plus:LicenseEndDate``): Unicode, without length limits, and what
   current tools (Photo Mechanic, Lightroom, Photoshop) write and keep up to date first.
2. **IPTC IIM** (By-line 2:80, Credit 2:110, Source 2:115, Copyright Notice 2:116,
   Caption/Abstract 2:120, Special Instructions 2:40, Expiration Date 2:37): the older
   agency format, often cut to 32 or 64 bytes and of uncertain character set.
3. **EXIF** (Artist, Copyright, ImageDescription): set once in a camera, the least
   likely to be about this picture.

What they prefill (``prefill``): the caption from the description; the credit line from
the Credit Line, after the creator when it does not name them ("Dale Robinette/Lionsgate"),
else the creator and the rights holder; the rights holder from the PLUS copyright owner,
else the copyright notice without its symbol, year and "All rights reserved", else the
licensor or the IIM Source; the licence page (Web Statement) and where to license it
(Licensor URL) only when they are http(s) addresses; usage terms (IIM's Special
Instructions when there are none); the expiry.

Reading never fails an upload: a block that cannot be read (garbled, truncated, a
character set we cannot decode, XML with a DOCTYPE) is logged and left out, and the other
blocks still count. XMP is parsed with defusedxml when it is installed; otherwise by
ElementTree after refusing any DOCTYPE or ENTITY declaration, so no entity is ever
expanded (no "billion laughs", no external entity).
"""

from __future__ import annotations

import datetime
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from PIL import Image, IptcImagePlugin

try:  # pragma: no cover - whichever is installed
    from defusedxml.ElementTree import fromstring as _defused_fromstring
except ImportError:  # pragma: no cover
    _defused_fromstring = None

logger = logging.getLogger(__name__)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/"
PLUS = "http://ns.useplus.org/ldf/xmp/1.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: The largest XMP packet read; a JPEG's XMP segment holds at most 64 KB anyway.
MAX_XMP_BYTES = 512 * 1024
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

#: The order sources are believed in, first wins (see the module's docstring).
PRECEDENCE = ("XMP", "IPTC", "EXIF")

# EXIF tags (IFD0)
EXIF_IMAGE_DESCRIPTION = 0x010E
EXIF_ARTIST = 0x013B
EXIF_COPYRIGHT = 0x8298

# IPTC IIM datasets (record, dataset)
IIM_CHARSET = (1, 90)
IIM_EXPIRATION_DATE = (2, 37)
IIM_SPECIAL_INSTRUCTIONS = (2, 40)
IIM_BYLINE = (2, 80)
IIM_CREDIT = (2, 110)
IIM_SOURCE = (2, 115)
IIM_COPYRIGHT_NOTICE = (2, 116)
IIM_CAPTION = (2, 120)
IIM_UTF8 = b"\x1b%G"


@dataclass(frozen=True)
class FileMetadata:
    """The rights and words a file carries, merged by ``PRECEDENCE``; ``sources`` names,
    for each field found, where its value came from ("XMP", "IPTC" or "EXIF")."""

    creator: str = ""
    credit: str = ""
    source: str = ""
    copyright_notice: str = ""
    copyright_owner: str = ""
    description: str = ""
    web_statement: str = ""
    usage_terms: str = ""
    licensor_name: str = ""
    licensor_url: str = ""
    expires: datetime.date | None = None
    sources: dict[str, str] = field(default_factory=dict, compare=False)


FIELDS = [f.name for f in fields(FileMetadata) if f.name != "sources"]


def _clean(value: Any, limit: int = 2000) -> str:
    """One line of text: no NULs or control characters, spaces collapsed, at most ``limit``."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", str(value or ""))
    return re.sub(r"\s+", " ", text).strip()[:limit]


def _date(value: str) -> datetime.date | None:
    """A date from "2027-06-30", "2027-06-30T00:00:00Z" or IIM's "20270630"."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{8}", value):
            return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- XMP ---------------------------------------------------------------------------------


def _parse_xml(data: bytes) -> ET.Element | None:
    """The XMP packet's root element, or None when it is too big, declares a DOCTYPE or
    entities (never expanded), or is not well-formed."""
    data = data.strip(b"\x00 \t\r\n")
    if not data or len(data) > MAX_XMP_BYTES or _DECLARATION.search(data):
        return None
    try:
        if _defused_fromstring is not None:  # pragma: no cover - when installed
            return _defused_fromstring(data, forbid_dtd=True)
        return ET.fromstring(data)
    except Exception:  # noqa: BLE001 - ParseError, or defusedxml's refusals
        return None


def _xmp_text(element: ET.Element) -> str:
    """A property's value: a simple text, a resource URL, an Alt (the x-default or first
    language) or a Seq/Bag (its items joined by "; ")."""
    resource = element.get(f"{{{RDF}}}resource")
    if resource:
        return _clean(resource)
    for kind in ("Alt", "Seq", "Bag"):
        container = element.find(f"{{{RDF}}}{kind}")
        if container is None:
            continue
        items = container.findall(f"{{{RDF}}}li")
        if kind == "Alt":
            chosen = [li for li in items if li.get(XML_LANG) == "x-default"] or items[:1]
            return _clean(chosen[0].text) if chosen else ""
        return "; ".join(text for li in items if (text := _clean(li.text)))
    return _clean(element.text)


def _xmp_property(root: ET.Element, namespace: str, name: str) -> str:
    """The first value of ``namespace:name`` in the packet, written as an element or as an
    attribute of an rdf:Description (XMP allows both)."""
    tag = f"{{{namespace}}}{name}"
    for element in root.iter(tag):
        if text := _xmp_text(element):
            return text
    for description in root.iter(f"{{{RDF}}}Description"):
        if text := _clean(description.get(tag)):
            return text
    return ""


def _xmp_expiry(root: ET.Element) -> str:
    # PLUS names the end of a licence LicenseEndDate; some tools write other names.
    for name in ("LicenseEndDate", "LicenseExpirationDate", "ImageExpirationDate"):
        if value := _xmp_property(root, PLUS, name):
            return value
    return ""


def _raw_xmp(image: Image.Image) -> bytes:
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    return raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)


def from_xmp(image: Image.Image) -> dict[str, Any]:
    """The fields the image's XMP packet gives (JPEG, WebP and PNG keep one)."""
    root = _parse_xml(_raw_xmp(image))
    if root is None:
        return {}
    found = {
        "creator": _xmp_property(root, DC, "creator"),
        "credit": _xmp_property(root, PHOTOSHOP, "Credit"),
        "source": _xmp_property(root, PHOTOSHOP, "Source"),
        "copyright_notice": _xmp_property(root, DC, "rights"),
        "copyright_owner": _xmp_property(root, PLUS, "CopyrightOwnerName"),
        "description": _xmp_property(root, DC, "description"),
        "web_statement": _xmp_property(root, XMP_RIGHTS, "WebStatement"),
        "usage_terms": _xmp_property(root, XMP_RIGHTS, "UsageTerms")
        or _xmp_property(root, PHOTOSHOP, "Instructions"),
        "licensor_name": _xmp_property(root, PLUS, "LicensorName"),
        "licensor_url": _xmp_property(root, PLUS, "LicensorURL"),
        "expires": _date(_xmp_expiry(root)),
    }
    return {key: value for key, value in found.items() if value}


# --- IPTC IIM ----------------------------------------------------------------------------


def _iim_text(value: bytes | list[bytes] | None, utf8: bool) -> str:
    """A dataset's text; a repeated dataset (several By-lines) joined by "; ". Without the
    UTF-8 marker (1:90) the text is tried as UTF-8, then read as Windows-1252."""
    if value is None:
        return ""
    parts = value if isinstance(value, list) else [value]
    texts = []
    for part in parts:
        try:
            text = part.decode("utf-8")
        except UnicodeDecodeError:
            text = part.decode("utf-8" if utf8 else "cp1252", "replace")
        if text := _clean(text):
            texts.append(text)
    return "; ".join(texts)


def from_iptc(image: Image.Image) -> dict[str, Any]:
    """The fields of the image's IPTC IIM block (in a JPEG's Photoshop APP13 segment)."""
    info = IptcImagePlugin.getiptcinfo(image) or {}
    charset = info.get(IIM_CHARSET)
    utf8 = isinstance(charset, bytes) and charset.startswith(IIM_UTF8)

    def text(dataset: tuple[int, int]) -> str:
        return _iim_text(info.get(dataset), utf8)

    found = {
        "creator": text(IIM_BYLINE),
        "credit": text(IIM_CREDIT),
        "source": text(IIM_SOURCE),
        "copyright_notice": text(IIM_COPYRIGHT_NOTICE),
        "description": text(IIM_CAPTION),
        "usage_terms": text(IIM_SPECIAL_INSTRUCTIONS),
        "expires": _date(text(IIM_EXPIRATION_DATE)),
    }
    return {key: value for key, value in found.items() if value}


# --- EXIF --------------------------------------------------------------------------------


def from_exif(image: Image.Image) -> dict[str, Any]:
    """Artist, Copyright and ImageDescription of the image's EXIF."""
    exif = image.getexif()
    found = {
        "creator": _clean(exif.get(EXIF_ARTIST)),
        "copyright_notice": _clean(exif.get(EXIF_COPYRIGHT)),
        "description": _clean(exif.get(EXIF_IMAGE_DESCRIPTION)),
    }
    return {key: value for key, value in found.items() if value}


READERS: dict[str, Callable[[Image.Image], dict[str, Any]]] = {
    "XMP": from_xmp,
    "IPTC": from_iptc,
    "EXIF": from_exif,
}


def read_metadata(image: Image.Image) -> FileMetadata:
    """What the opened ``image`` says about its credit and rights, merged by ``PRECEDENCE``.

    Never raises for what a file holds: a block that cannot be read is logged and skipped.
    """
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for source in PRECEDENCE:
        try:
            found = READERS[source](image)
        except Exception as error:  # noqa: BLE001 - bad metadata never fails an upload
            logger.info("Unreadable %s metadata in an upload: %r", source, error)
            continue
        for name, value in found.items():
            if name not in values:
                values[name], sources[name] = value, source
    return FileMetadata(**values, sources=sources)


# --- Prefill -----------------------------------------------------------------------------

_NOTICE_NOISE = re.compile(
    r"^\s*(©|\(c\)|copyright|\?)\s*(\d{4}(\s*[-–]\s*\d{4})?)?[\s,.]*"
    r"|[\s,.]*all rights reserved\.?\s*$",
    re.IGNORECASE,
)


def holder_from_notice(notice: str) -> str:
    """ "© 2016 Lionsgate. All rights reserved." -> "Lionsgate"."""
    previous = None
    while previous != notice:
        previous, notice = notice, _NOTICE_NOISE.sub("", notice).strip()
    return notice


def _web_address(value: str) -> str:
    """``value`` when it is an http(s) address a page may link to, else ""."""
    if not value or len(value) > 500:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value


def credit_line(meta: FileMetadata, holder: str) -> str:
    """The credit as printed, "Photographer/Company": the file's Credit Line, after its
    creator when the credit does not name them; else the creator and the rights holder."""
    creator, credit = meta.creator, meta.credit
    if credit:
        named = creator and creator.casefold() not in credit.casefold()
        return f"{creator}/{credit}" if named else credit
    parts = [part for part in (creator, holder) if part]
    if len(parts) == 2 and parts[0].casefold() == parts[1].casefold():
        parts = parts[:1]
    return "/".join(parts)


#: Where the rights holder is taken from, first found first.
HOLDER_FIELDS = ("copyright_owner", "copyright_notice", "licensor_name", "source")


def _holder(meta: FileMetadata) -> tuple[str, str]:
    """The rights holder the file names, and the metadata field it was read from."""
    for name in HOLDER_FIELDS:
        value = getattr(meta, name)
        value = holder_from_notice(value) if name == "copyright_notice" else value
        if value:
            return value, name
    return "", ""


def prefill(meta: FileMetadata) -> dict[str, Any]:
    """The still's fields the file's metadata fills, by Photo field name (empty ones left out)."""
    holder, _ = _holder(meta)
    values = {
        "caption": meta.description[:400],
        "credit_line": credit_line(meta, holder)[:200],
        "creator": meta.creator[:200],
        "rights_holder": holder[:200],
        "copyright_notice": meta.copyright_notice[:300],
        "licence_url": _web_address(meta.web_statement),
        "acquire_licence_url": _web_address(meta.licensor_url),
        "usage_terms": meta.usage_terms[:1000],
        "usage_expires": meta.expires,
    }
    return {name: value for name, value in values.items() if value}


def _drawn_from(meta: FileMetadata, name: str) -> tuple[str, ...]:
    """The metadata fields a prefilled still field was made of."""
    holder_field = _holder(meta)[1]
    if name == "rights_holder":
        return (holder_field,)
    if name == "credit_line":
        return ("creator", "credit") if meta.credit else ("creator", holder_field)
    plain = {"caption": "description", "licence_url": "web_statement",
             "acquire_licence_url": "licensor_url", "usage_expires": "expires"}  # fmt: skip
    return (plain.get(name, name),)


def prefill_sources(meta: FileMetadata) -> dict[str, str]:
    """For each prefilled field, the source(s) it came from, e.g. {"credit_line": "IPTC"}."""
    named = {}
    for name in prefill(meta):
        drawn = [meta.sources[f] for f in _drawn_from(meta, name) if f in meta.sources]
        named[name] = ", ".join(dict.fromkeys(drawn))
    return named


def read_upload(upload: Any) -> FileMetadata:
    """The metadata of an uploaded file (already judged by ``validate_still``); empty when
    it cannot be opened. The file's position is kept."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            return read_metadata(image)
    except Exception as error:  # noqa: BLE001 - bad metadata never fails an upload
        logger.info("Could not read the metadata of an upload: %r", error)
        return FileMetadata()
    finally:
        upload.seek(position)


# --- Rights out --------------------------------------------------------------------------


@dataclass(frozen=True)
class RightsOut:
    """The rights written into every stored file of a still, as XMP."""

    creator: str = ""
    credit_line: str = ""
    copyright_notice: str = ""
    web_statement: str = ""
    licensor_url: str = ""


def _xml(text: str) -> str:
    """Text escaped for XML, without the control characters XML 1.0 cannot hold."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def rights_xmp(rights: RightsOut) -> bytes:
    """An XMP packet with the IPTC rights fields image search engines read (Creator, Credit
    Line, Copyright Notice, Web Statement of Rights, Licensor URL); empty when none is known.
    Nothing else goes in it: no camera, place or person beyond the credited."""
    properties = []
    if rights.creator:
        item = f"<rdf:li>{_xml(rights.creator)}</rdf:li>"
        properties.append(f"<dc:creator><rdf:Seq>{item}</rdf:Seq></dc:creator>")
    if rights.credit_line:
        properties.append(f"<photoshop:Credit>{_xml(rights.credit_line)}</photoshop:Credit>")
    if rights.copyright_notice:
        item = f'<rdf:li xml:lang="x-default">{_xml(rights.copyright_notice)}</rdf:li>'
        properties.append(f"<dc:rights><rdf:Alt>{item}</rdf:Alt></dc:rights>")
        properties.append("<xmpRights:Marked>True</xmpRights:Marked>")
    if rights.web_statement:
        statement = _xml(rights.web_statement)
        properties.append(f"<xmpRights:WebStatement>{statement}</xmpRights:WebStatement>")
    if rights.licensor_url:
        licensor = f"<plus:LicensorURL>{_xml(rights.licensor_url)}</plus:LicensorURL>"
        item = f'<rdf:li rdf:parseType="Resource">{licensor}</rdf:li>'
        properties.append(f"<plus:Licensor><rdf:Seq>{item}</rdf:Seq></plus:Licensor>")
    if not properties:
        return b""
    body = "".join(properties)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{RDF}"><rdf:Description rdf:about=""'
        f' xmlns:dc="{DC}" xmlns:photoshop="{PHOTOSHOP}"'
        f' xmlns:xmpRights="{XMP_RIGHTS}" xmlns:plus="{PLUS}">'
        f"{body}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")
