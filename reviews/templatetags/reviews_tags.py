import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from reviews.models import Review

register = template.Library()


@register.simple_tag
def stars(review: Review) -> SafeString:
    """The star rating as glyphs, with its text equivalent for screen readers."""
    if review.rating is None:
        return format_html('<span class="stars stars--none">{}</span>', review.stars_text)
    whole, half = divmod(int(review.rating * 2), 2)
    glyphs = "★" * whole + ("½" if half else "") + "☆" * (4 - whole - half)
    return format_html(
        '<span class="stars" role="img" aria-label="{}">{}</span>', review.stars_text, glyphs
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
def absolute(context, url: str) -> str:
    """``url`` as an absolute address (media may already live on another host)."""
    return context["request"].build_absolute_uri(url) if url else ""
