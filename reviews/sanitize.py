"""The allow-list for editor-written HTML, applied on the server whatever the widget sends."""

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


def _drop_empty_title(tag: str, attribute: str, value: str) -> str | None:
    # The editor's link dialog sends title="" when its Title box is left empty.
    return None if attribute == "title" and not value.strip() else value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    attribute_filter=_drop_empty_title,
)


def sanitize_html(html: str | None) -> str:
    """Return ``html`` with everything outside the allow-list removed.

    Scripts, styles, event handlers and ``javascript:`` URLs never survive; text is kept.
    An editor that sends only an empty paragraph yields an empty string.
    """
    cleaned = _cleaner.clean(html or "").strip()
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
