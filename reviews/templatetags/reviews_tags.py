import datetime
import functools
import json
import math
from decimal import Decimal

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from reviews.models import Review
from reviews.public.cards import card_html

register = template.Library()


@functools.cache
def _star_points(left: float, half: bool = False) -> str:
    """The corners of a five-pointed star in a 24-unit box from ``left``: all ten, or (for a
    half star) the left half, from the top point down to the inner corner at the foot."""
    steps = [0, 9, 8, 7, 6, 5] if half else range(10)
    points = []
    for step in steps:
        radius = 11.5 if step % 2 == 0 else 4.6
        angle = math.radians(-90 + 36 * step)
        points.append(
            f"{left + 12 + radius * math.cos(angle):.2f},{12.6 + radius * math.sin(angle):.2f}"
        )
    return " ".join(points)


def star_shapes(rating: Decimal) -> list[str]:
    """The four stars of a rating, each ``full``, ``half`` or ``empty`` (3.5: three full, a
    half, none empty)."""
    whole, half = divmod(int(rating * 2), 2)
    return ["full"] * whole + ["half"] * half + ["empty"] * (4 - whole - half)


@register.simple_tag
def stars(review: Review) -> SafeString:
    """The rating as one accessible component, the same on cards, pages and previews: four
    drawn stars (full, half or empty), hidden from screen readers, which read the text
    equivalent feeds also carry ("3½ stars out of 4")."""
    if review.rating is None:
        return format_html('<span class="stars stars--none">{}</span>', review.stars_text)
    shapes = []
    for index, shape in enumerate(star_shapes(review.rating)):
        left = index * 26
        outline = format_html(
            '<polygon class="star star--{}" points="{}"/>', shape, _star_points(left)
        )
        if shape == "half":
            outline += format_html(
                '<polygon class="star star--fill" points="{}"/>', _star_points(left, half=True)
            )
        shapes.append(outline)
    return format_html(
        '<span class="stars" role="img" aria-label="{}">'
        '<svg class="stars__glyphs" viewBox="0 0 102 25" aria-hidden="true" focusable="false">'
        "{}</svg></span>",
        review.stars_text,
        mark_safe("".join(shapes)),
    )


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


class FragmentNode(template.Node):
    def __init__(self, name: template.base.FilterExpression, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        fragments = context.get("fragments")
        if fragments is None:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        return fragments.get_or_render(name, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    """``{% fragment "facts" %}...{% endfragment %}``: the enclosed part from the page's
    fragment cache (the view's ``fragments``, reviews/public/caching.py) when it holds it,
    else rendered (and stored). Without ``fragments`` (staff, previews, caching off) it is
    simply rendered. The part renders only from the page's object and content."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment %} takes one argument: its name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag(takes_context=True)
def card(context, review, kind: str = "grid") -> SafeString:
    """``{% card review %}``, ``{% card review "compact" %}``: a listing card, from the cards
    the view read from the cache (``cards``, reviews/public/cards.py) when there are any."""
    return card_html(context.get("cards"), review, kind)


@register.simple_tag(takes_context=True)
def absolute(context, url: str) -> str:
    """``url`` as an absolute address (media may already live on another host)."""
    return context["request"].build_absolute_uri(url) if url else ""
