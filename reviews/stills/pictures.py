"""Choosing which file of a still to show: a rendition for a width or a crop, else the
original (until the renditions exist), never a still past its rights.
"""

from django.db.models.fields.files import FieldFile
from django.urls import reverse

from reviews.models import Photo, Rendition

DEFAULT_SIZES = "(min-width: 48rem) 44rem, 100vw"

#: The tallest a portrait still is drawn (site.css, ``.still--portrait img``), in rem: a
#: portrait still at the column's full width would be some 1,100 pixels tall.
PORTRAIT_MAX_HEIGHT_REM = 34


def shape_of(width: int | None, height: int | None) -> str:
    """``portrait`` for a still taller than wide, else ``landscape`` (squares too)."""
    if width and height and height > width:
        return "portrait"
    return "landscape"


def portrait_sizes(width: int, height: int) -> str:
    """The ``sizes`` of a portrait still capped at ``PORTRAIT_MAX_HEIGHT_REM``: its drawn width
    is the cap times its shape, or the screen's width on a phone narrower than that."""
    drawn = round(PORTRAIT_MAX_HEIGHT_REM * width / height, 1)
    return f"(min-width: {drawn + 2}rem) {drawn}rem, 100vw"


def renditions_of(photo: Photo) -> list[Rendition]:
    """The still's renditions: prefetched by the view (pages assert their query counts)."""
    return list(photo.renditions.all())


def showable(photo: Photo | None) -> bool:
    """Whether a page may show ``photo``: a still with a picture whose rights allow it."""
    # An embargo is the page's to judge (the queries and the lead's choice leave a still
    # under embargo out for readers; a staff preview shows it).
    return isinstance(photo, Photo) and bool(photo.image) and photo.is_previewable


def picture_sources(photo: Photo, crop: str = "") -> dict:
    """What the <picture> needs: a WebP and a JPEG srcset, the fallback src, the box size."""
    wanted = [r for r in renditions_of(photo) if (r.spec == crop if crop else r.spec[0] == "w")]
    by_format: dict[str, list[Rendition]] = {"webp": [], "jpeg": []}
    for rendition in sorted(wanted, key=lambda r: r.width):
        by_format.setdefault(rendition.format, []).append(rendition)
    jpegs = by_format["jpeg"]
    if not jpegs:
        return {"src": photo.image.url, "width": photo.width, "height": photo.height}
    jpeg_urls = [r.file.url for r in jpegs]  # each address made once: storage.url() costs
    fallback = next((n for n, r in enumerate(jpegs) if r.width >= 960), len(jpegs) - 1)
    largest = jpegs[-1]
    return {
        "src": jpeg_urls[fallback],
        "width": largest.width,
        "height": largest.height,
        "jpeg_srcset": ", ".join(
            f"{url} {r.width}w" for url, r in zip(jpeg_urls, jpegs, strict=True)
        ),
        "webp_srcset": ", ".join(f"{r.file.url} {r.width}w" for r in by_format["webp"]),
    }


def thumbnail_file(photo: Photo, width: int = 320) -> FieldFile:
    """The smallest JPEG width rendition at least ``width`` wide, or the widest there is, or
    the original until renditions exist."""
    widths = sorted(
        (r for r in renditions_of(photo) if r.spec.startswith("w") and r.format == "jpeg"),
        key=lambda r: r.width,
    )
    chosen = next((r for r in widths if r.width >= width), widths[-1] if widths else None)
    return chosen.file if chosen else photo.image


def still_thumbnail_url(photo: Photo, width: int = 320) -> str:
    """Where the desk's grid and the admin fetch a still's thumbnail. A withdrawn still's
    comes through the desk's staff-only view: its files have no public address any more."""
    if photo.files_withdrawn_at is not None:
        return reverse("desk:still-file", args=[photo.pk, width])
    return thumbnail_file(photo, width).url
