"""``{% still photo %}``: a captioned still from its renditions, the original until they exist."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from reviews.models import Photo, Rendition

register = template.Library()

DEFAULT_SIZES = "(min-width: 48rem) 44rem, 100vw"


def renditions_of(photo: Photo) -> list[Rendition]:
    """The still's renditions: prefetched by the view (pages assert their query counts)."""
    return list(photo.renditions.all())


def showable(photo: Photo | None) -> bool:
    """Whether a page may show ``photo``: a still with a picture whose rights allow it."""
    return isinstance(photo, Photo) and bool(photo.image) and photo.is_usable


def picture_sources(photo: Photo, crop: str = "") -> dict:
    """What the <picture> needs: a WebP and a JPEG srcset, the fallback src, the box size."""
    wanted = [r for r in renditions_of(photo) if (r.spec == crop if crop else r.spec[0] == "w")]
    by_format: dict[str, list[Rendition]] = {"webp": [], "jpeg": []}
    for rendition in sorted(wanted, key=lambda r: r.width):
        by_format.setdefault(rendition.format, []).append(rendition)
    jpegs = by_format["jpeg"]
    if not jpegs:
        return {"src": photo.image.url, "width": photo.width, "height": photo.height}
    fallback = next((r for r in jpegs if r.width >= 960), jpegs[-1])
    largest = jpegs[-1]
    return {
        "src": fallback.file.url,
        "width": largest.width,
        "height": largest.height,
        "jpeg_srcset": ", ".join(f"{r.file.url} {r.width}w" for r in jpegs),
        "webp_srcset": ", ".join(f"{r.file.url} {r.width}w" for r in by_format["webp"]),
    }


@register.simple_tag
def still(
    photo: Photo | None,
    sizes: str = DEFAULT_SIZES,
    crop: str = "",
    css_class: str = "",
    eager: bool = False,
) -> SafeString | str:
    """A <figure> with the still, its caption and credit line; nothing for a missing or
    expired still, so no public surface can show a picture past its rights.

    ``eager`` is for the picture at the top of a page: fetched first, not lazily.
    """
    if not showable(photo):
        return ""
    context = {"photo": photo, "sizes": sizes, "class": css_class, "eager": eager}
    context |= picture_sources(photo, crop)
    return render_to_string("reviews/includes/still.html", context)


@register.simple_tag
def still_url(photo: Photo | None, crop: str = "social") -> str:
    """The URL of one JPEG crop (e.g. for og:image), or of the original until it exists."""
    if not showable(photo):
        return ""
    for rendition in renditions_of(photo):
        if rendition.spec == crop and rendition.format == "jpeg":
            return rendition.file.url
    return photo.image.url


@register.simple_tag
def still_thumbnail_url(photo: Photo, width: int = 320) -> str:
    """The smallest JPEG width rendition at least ``width`` wide (for the desk's grid), or
    the widest there is, or the original until renditions exist."""
    widths = sorted(
        (r for r in renditions_of(photo) if r.spec.startswith("w") and r.format == "jpeg"),
        key=lambda r: r.width,
    )
    chosen = next((r for r in widths if r.width >= width), widths[-1] if widths else None)
    return chosen.file.url if chosen else photo.image.url
