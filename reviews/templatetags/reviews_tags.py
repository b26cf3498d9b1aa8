import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def stars(review) -> SafeString:
    """The star rating as glyphs, with its text equivalent for screen readers."""
    rating = review.rating
    context = {"rating": rating, "text": review.stars_text}
    if rating is not None:
        whole, half = divmod(int(rating * 2), 2)
        context |= {
            "full_stars": range(whole),
            "half": bool(half),
            "empty_stars": range(4 - whole - half),
        }
    return render_to_string("reviews/includes/stars.html", context)


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data: dict) -> SafeString:
    """A schema.org data block; <, > and & are escaped so no text can close the script."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.filter
def iso(value: datetime.datetime | None) -> str:
    """A local ISO 8601 time without microseconds, as HTML's datetime attribute wants."""
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
