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
