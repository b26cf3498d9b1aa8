"""The allow-list for editor-written HTML, applied on the server whatever the widget sends."""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "a",
    "blockquote", "q", "cite", "ul", "ol", "li", "h2", "h3", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f]+", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,6}")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """The schemes nh3 checks are those of ``href``: a quotation's ``cite`` must be a web
    address too, and a list's ``start`` a number, or they are dropped. An empty ``title``
    (the editor's link dialog sends one when its Title box is left empty) is dropped."""
    if name == "title":
        return value if value.strip() else None
    if name == "cite":
        return value if _WEB_ADDRESS.fullmatch(value) else None
    if name == "start":
        return value if _NUMBER.fullmatch(value) else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html: str | None) -> str:
    """Return ``html`` with everything outside the allow-list removed.

    Scripts, styles, event handlers and ``javascript:`` URLs never survive; text is kept.
    An editor that sends only an empty paragraph yields an empty string.
    """
    cleaned = _cleaner.clean(html or "").strip()
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
