"""Small pictures made on the fly for the tests: real encodings, a few kilobytes each."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
ARTIST = 0x013B
COPYRIGHT = 0x8298
BODY_SERIAL_NUMBER = 0xA431


def picture(fmt: str = "JPEG", size=(40, 30), color="red", **save_kwargs) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save_kwargs)
    return buffer.getvalue()


def upload(content: bytes, name: str = "still.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type)


def two_colour_jpeg(
    size=(80, 40), orientation: int = 1, artist: str = "", copyright: str = "", gps: bool = False
) -> bytes:
    """Left half red, right half blue, with the EXIF a camera would write."""
    image = Image.new("RGB", size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    if orientation != 1:
        exif[ORIENTATION] = orientation
    if artist:
        exif[ARTIST] = artist
    if copyright:
        exif[COPYRIGHT] = copyright
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 44.0, 54.0), 3: "W", 4: (73.0, 59.0, 9.0)})
        exif.get_ifd(EXIF_IFD)[BODY_SERIAL_NUMBER] = "SN-123456"
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        quality=95,
        exif=exif.tobytes(),
        comment=b"Shot at 12 Main Street by Jo Smith",
    )
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas: a decompression bomb's calling card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


# Agency metadata: IPTC IIM, XMP and EXIF as studios and agencies write them ----------------

IMAGE_DESCRIPTION = 0x010E
MAKE = 0x010F
MODEL = 0x0110
SOFTWARE = 0x0131
XMP_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "plus": "http://ns.useplus.org/ldf/xmp/1.0/",
    "exif": "http://ns.adobe.com/exif/1.0/",
}


def iptc_block(datasets: dict[tuple[int, int], str | list[str]], utf8: bool = True) -> bytes:
    """An IPTC IIM block: each dataset as 0x1C, record, number, length, data; the 1:90 marker
    says UTF-8 (without it, text is in an unnamed 8-bit character set)."""
    items = ([((1, 90), "\x1b%G")] if utf8 else []) + list(datasets.items())
    block = b""
    for (record, number), values in items:
        for value in values if isinstance(values, list) else [values]:
            data = value.encode("utf-8" if utf8 else "cp1252")
            block += bytes([0x1C, record, number]) + struct.pack(">H", len(data)) + data
    return block


def photoshop_segment(iptc: bytes) -> bytes:
    """A JPEG APP13 "Photoshop 3.0" segment holding ``iptc`` as image resource 0x0404."""
    padded = iptc + (b"\x00" if len(iptc) % 2 else b"")
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    payload = b"Photoshop 3.0\x00" + resource + padded
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def xmp_packet(properties: str, attributes: str = "") -> bytes:
    """An XMP packet of one rdf:Description with ``properties`` (elements) and
    ``attributes`` (simple properties written as attributes, as some tools do)."""
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in XMP_NAMESPACES.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {namespaces} {attributes}>{properties}</rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def tagged_jpeg(
    iptc: bytes = b"",
    xmp: bytes = b"",
    exif: dict[int, str] | None = None,
    gps: bool = False,
    size=(700, 400),
) -> bytes:
    """A JPEG as an agency sends it: ``exif`` (IFD0 tags), ``xmp`` and ``iptc`` (an IIM block,
    put in an APP13 segment), with the camera's make, model, serial number and software
    and, when ``gps``, where it was taken."""
    tags = Image.Exif()
    tags.update({MAKE: "Canon", MODEL: "EOS R5", SOFTWARE: "Adobe Photoshop 25.0"})
    tags.update(exif or {})
    tags.get_ifd(EXIF_IFD)[BODY_SERIAL_NUMBER] = "SN-123456"
    if gps:
        tags.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 44.0, 54.0), 3: "W", 4: (73.0, 59.0, 9.0)})
    image = Image.new("RGB", size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    options = {"xmp": xmp} if xmp else {}
    image.save(buffer, "JPEG", quality=90, exif=tags.tobytes(), **options)
    content = buffer.getvalue()
    return content[:2] + photoshop_segment(iptc) + content[2:] if iptc else content


#: A studio still's credit and rights as each source alone writes them (see studio_still).
IPTC_ONLY = iptc_block(
    {
        (2, 80): "Dale Robinette",
        (2, 110): "Lionsgate",
        (2, 115): "Summit Entertainment",
        (2, 116): "© 2016 Lionsgate. All rights reserved.",
        (2, 120): "Emma Stone as Mia in “La La Land.”",
        (2, 40): "Editorial use only, for reviews of the film.",
        (2, 37): "20270630",
    }
)
XMP_ONLY = xmp_packet(
    "<dc:creator><rdf:Seq><rdf:li>Dale Robinette</rdf:li></rdf:Seq></dc:creator>"
    '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2016 Lionsgate</rdf:li>'
    "</rdf:Alt></dc:rights>"
    '<dc:description><rdf:Alt><rdf:li xml:lang="fr">Emma Stone dans le rôle de Mia.</rdf:li>'
    '<rdf:li xml:lang="x-default">Emma Stone as Mia.</rdf:li></rdf:Alt></dc:description>'
    '<xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">Editorial use only.</rdf:li>'
    "</rdf:Alt></xmpRights:UsageTerms>"
    '<plus:Licensor><rdf:Seq><rdf:li rdf:parseType="Resource">'
    "<plus:LicensorName>Lionsgate Publicity</plus:LicensorName>"
    "<plus:LicensorURL>https://lionsgate.example/licensing</plus:LicensorURL>"
    "</rdf:li></rdf:Seq></plus:Licensor>"
    "<plus:LicenseEndDate>2027-12-31T00:00:00Z</plus:LicenseEndDate>",
    # Simple properties may be written as attributes; the reader takes both.
    attributes='photoshop:Credit="Lionsgate" '
    'xmpRights:WebStatement="https://lionsgate.example/rights/la-la-land"',
)
EXIF_ONLY = {
    ARTIST: "Dale Robinette",
    COPYRIGHT: "Copyright 2016 Lionsgate",
    IMAGE_DESCRIPTION: "Emma Stone as Mia.",
}
#: Three sources disagreeing: XMP's creator and credit, IPTC's caption, EXIF's copyright.
DISAGREEING = {
    "xmp": xmp_packet(
        "<dc:creator><rdf:Seq><rdf:li>XMP Creator</rdf:li></rdf:Seq></dc:creator>",
        attributes='photoshop:Credit="XMP Credit"',
    ),
    "iptc": iptc_block(
        {(2, 80): "IPTC By-line", (2, 110): "IPTC Credit", (2, 120): "IPTC caption."}
    ),
    "exif": {ARTIST: "EXIF Artist", COPYRIGHT: "EXIF Holder", IMAGE_DESCRIPTION: "EXIF caption."},
}


def studio_still(source: str) -> bytes:
    """A JPEG whose credit and rights are in ``source`` only ("IPTC", "XMP", "EXIF"), or in
    all three, disagreeing ("all")."""
    if source == "all":
        return tagged_jpeg(**DISAGREEING)
    kwargs = {"IPTC": {"iptc": IPTC_ONLY}, "XMP": {"xmp": XMP_ONLY}, "EXIF": {"exif": EXIF_ONLY}}
    return tagged_jpeg(**kwargs[source])
