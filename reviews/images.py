"""Checks on uploaded stills: judged by their content, never by their name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def validate_still(upload: File) -> None:
    """Refuse anything that is not a whole, single-frame JPEG, PNG or WebP within limits."""
    size = getattr(upload, "size", None)
    if size == 0:
        raise ValidationError("The file is empty.", code="empty")
    if size is not None and size > settings.STILL_MAX_BYTES:
        raise ValidationError(
            "The file is %(size)d MB; the limit is %(limit)d MB.",
            code="too_large",
            params={"size": size // 2**20, "limit": settings.STILL_MAX_BYTES // 2**20},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            if kind not in ACCEPTED_FORMATS:
                raise ValidationError(
                    "This is a %(kind)s image; upload a JPEG, PNG or WebP.",
                    code="format",
                    params={"kind": kind or "unknown"},
                )
            if image.width * image.height > settings.STILL_MAX_PIXELS:
                raise ValidationError(
                    "The image is %(w)d×%(h)d pixels, more than the %(limit)d megapixels allowed.",
                    code="too_many_pixels",
                    params={
                        "w": image.width,
                        "h": image.height,
                        "limit": settings.STILL_MAX_PIXELS // 1_000_000,
                    },
                )
            if getattr(image, "n_frames", 1) > 1:
                raise ValidationError(
                    "Animated or multi-frame images cannot be used as stills.", code="animated"
                )
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        if isinstance(exc, Image.DecompressionBombError):
            raise ValidationError(
                "The image has too many pixels to be processed safely.", code="too_many_pixels"
            ) from exc
        raise ValidationError(
            "The file is not an image we can read; upload a JPEG, PNG or WebP.", code="not_image"
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "The image is damaged or incomplete and cannot be read.", code="damaged"
        ) from exc
    finally:
        upload.seek(position)
