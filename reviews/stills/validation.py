"""Checks on uploaded stills: judged by their content, never by their name.

The checks read the header first and refuse on what it declares (format, pixel count,
frames) before decoding a single pixel, so a decompression bomb costs a few hundred bytes
of reading, not minutes of CPU and gigabytes of memory. Only then is the whole image
decoded, which catches truncated and damaged files.
"""

import re
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "MPO": "JPEG"}
# MPO is a JPEG with extra pictures after it (depth maps, previews) that many cameras and
# phones write: the first picture is the photograph, and it is all we keep.
FIRST_FRAME_FORMATS = {"MPO"}

# How many bytes of the head of a file are sniffed for text that is not an image.
SNIFF_BYTES = 2048
SVG_PATTERN = re.compile(rb"<svg[\s>]", re.IGNORECASE)
MARKUP_PATTERN = re.compile(
    rb"<(!doctype|html|head|body|script|iframe|object|embed|\?php|\?xml)[\s>]", re.IGNORECASE
)


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


def _starts_like_an_image(head: bytes) -> bool:
    return head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    )


def _refuse_text_disguised_as_image(head: bytes) -> None:
    """SVG and HTML are text that may carry scripts; say which one it is. (A real JPEG, PNG
    or WebP is not sniffed: its metadata may hold any text.)"""
    if _starts_like_an_image(head):
        return
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if SVG_PATTERN.search(head):
        raise ValidationError(
            "This is an SVG drawing, which can carry scripts; upload a JPEG, PNG or WebP.",
            code="svg",
        )
    if text.startswith(b"<") and MARKUP_PATTERN.search(head):
        raise ValidationError(
            "This file is HTML or script text disguised as an image; upload a JPEG, PNG or WebP.",
            code="markup",
        )


def _refuse_too_many_pixels(width: int, height: int) -> None:
    if width * height > settings.STILL_MAX_PIXELS:
        raise ValidationError(
            "The image is %(w)d×%(h)d pixels, more than the %(limit)s megapixels allowed.",
            code="too_many_pixels",
            params={"w": width, "h": height, "limit": _megapixels(settings.STILL_MAX_PIXELS)},
        )


def validate_still(upload: File) -> None:
    """Refuse anything that is not a whole, single-frame JPEG, PNG or WebP within limits."""
    size = getattr(upload, "size", None)
    if size == 0:
        raise ValidationError("The file is empty.", code="empty")
    if size is not None and size > settings.STILL_MAX_BYTES:
        raise ValidationError(
            "The file is %(size)s MB; the limit is %(limit)s MB.",
            code="too_large",
            params={
                "size": f"{size / 2**20:.1f}",
                "limit": f"{settings.STILL_MAX_BYTES / 2**20:g}",
            },
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(SNIFF_BYTES)
        if not head:
            raise ValidationError("The file is empty.", code="empty")
        _refuse_text_disguised_as_image(head)
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow warns between its own limit and twice it; our limit is lower anyway.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
        with image:
            kind = image.format
            if kind not in ACCEPTED_FORMATS:
                raise ValidationError(
                    "This is a %(kind)s image; upload a JPEG, PNG or WebP.",
                    code="format",
                    params={"kind": kind or "unknown"},
                )
            _refuse_too_many_pixels(image.width, image.height)
            frames = getattr(image, "n_frames", 1)
            if kind not in FIRST_FRAME_FORMATS and (frames > 1 or getattr(image, "is_animated", 0)):
                raise ValidationError(
                    "Animated or multi-frame images cannot be used as stills; "
                    "upload a single picture.",
                    code="animated",
                )
            image.load()
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            "The image declares far more pixels than the %(limit)s megapixels allowed "
            "(a decompression bomb); it was not opened.",
            code="too_many_pixels",
            params={"limit": _megapixels(settings.STILL_MAX_PIXELS)},
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            "The file is not an image we can read; upload a JPEG, PNG or WebP.", code="not_image"
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(
            "The image is damaged or incomplete (truncated) and cannot be read.", code="damaged"
        ) from exc
    finally:
        upload.seek(position)


class StillFileField(forms.FileField):
    """A form field that judges the upload with ``validate_still`` and says exactly why it
    refuses one (Django's ImageField only says "not an image or a corrupted image")."""

    default_validators = [validate_still]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("help_text", "A JPEG, PNG or WebP photograph.")
        super().__init__(**kwargs)

    def widget_attrs(self, widget) -> dict:
        return super().widget_attrs(widget) | {"accept": "image/jpeg,image/png,image/webp"}


class StillJudgedByFieldMixin:
    """For a model form with a ``StillFileField``: the model's own validation leaves the
    picture alone, since the field has judged it already (judging it again decodes it twice)."""

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.add("image")
        return exclusions
