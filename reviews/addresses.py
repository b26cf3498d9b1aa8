"""Detail pages' addresses, reversed once: a page of 200 credits or 50 cards links to as
many people or reviews, and ``reverse()`` costs tens of microseconds a call."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

#: What Django's ``slug`` path converter accepts: such a slug needs no quoting in a URL.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "__slug__"
_patterns: dict[tuple[str, str, str], str] = {}


def slug_url(viewname: str, slug: str) -> str:
    """``reverse(viewname, kwargs={"slug": slug})``: reversed once per URLconf and script
    prefix with a placeholder that a plain slug then replaces (any other slug is reversed
    as usual, so it is refused or quoted as ``reverse()`` would)."""
    if not _PLAIN_SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})
    key = (viewname, str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix())
    pattern = _patterns.get(key)
    if pattern is None:
        pattern = _patterns[key] = reverse(viewname, kwargs={"slug": _PLACEHOLDER})
    return pattern.replace(_PLACEHOLDER, slug, 1)
