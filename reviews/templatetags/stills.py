"""``{% still photo %}``: a captioned still from its renditions, the original until they exist."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from reviews.models import Photo
from reviews.stills.pictures import (
    DEFAULT_SIZES,
    picture_sources,
    portrait_sizes,
    renditions_of,
    shape_of,
    showable,
    still_thumbnail_url,
)

register = template.Library()


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
    sources = picture_sources(photo, crop)
    shape = shape_of(sources.get("width"), sources.get("height"))
    if shape == "portrait":
        sizes = portrait_sizes(sources["width"], sources["height"])
    context = {"photo": photo, "sizes": sizes, "class": css_class, "eager": eager, "shape": shape}
    return render_to_string("reviews/includes/still.html", context | sources)


@register.simple_tag
def still_url(photo: Photo | None, crop: str = "social") -> str:
    """The URL of one JPEG crop (e.g. for og:image), or of the original until it exists."""
    if not showable(photo):
        return ""
    for rendition in renditions_of(photo):
        if rendition.spec == crop and rendition.format == "jpeg":
            return rendition.file.url
    return photo.image.url


register.simple_tag(still_thumbnail_url)


@register.simple_tag
def poster(photo: Photo | None, sizes: str = DEFAULT_SIZES) -> SafeString | str:
    """A still as a decorative picture (no caption, empty alt text), e.g. the trailer's poster
    frame inside its play button, whose own words name it."""
    if not showable(photo):
        return ""
    context = {"photo": photo, "sizes": sizes} | picture_sources(photo)
    return render_to_string("reviews/includes/poster.html", context)
