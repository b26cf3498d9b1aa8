"""The page cache: whole public pages for anonymous readers, never stale.

A page is cached under the content version (``reviews.models.content``), which the
database raises with every change a reader could see, and under the next moment the pages
change by time alone (a scheduled review's publication, a still's rights running out).
So no write, however it is made, and no scheduled moment needs anyone to purge anything:
the next request simply asks for a key that does not exist yet. App servers share the cache
(Redis) and read the version from the shared database, so a review published through one
is served fresh by every other at once.

Staff (a session cookie), previews and anything a view marks private or ``never_cache``
are never cached. A cache that fails (Redis stopped) is skipped: pages are served uncached.

On a page-cache miss, the expensive parts of a page (a review's facts box, credits, body
with its stills, JSON-LD) come from fragments (``Fragments``), keyed the same way, so they
are never stale either; only a reader's request reads or fills them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control

from reviews.models.content import content_state, request_scope

logger = logging.getLogger(__name__)

PREFIX = "pagecache"
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _safely(operation: Callable, default=None):
    """Run a cache operation; a cache that is down is logged and skipped, never a 500."""
    try:
        return operation()
    except Exception:  # noqa: BLE001 - any backend's connection error
        logger.warning("Cache unavailable; computing and serving uncached.", exc_info=True)
        return default


def per_content_version(name: str, compute: Callable[[], object]) -> object:
    """``compute()``, cached until the content (or the next scheduled moment) changes: list
    counts, the archive's years, the sitemap's latest changes, the review at an address. A
    cache that is down only means it is computed every time; None is never kept."""
    key = _versioned_key("facts", name)  # the release too: values may be model instances
    value = _safely(lambda: _cache().get(key))
    if value is None:
        value = compute()
        _safely(lambda: _cache().set(key, value, settings.PAGE_CACHE_SECONDS))
    return value


def _versioned_key(kind: str, name: str) -> str:
    """A key under the release, the content version and the next scheduled moment."""
    version, moment = content_state()
    digest = hashlib.sha256(name.encode()).hexdigest()
    return f"{PREFIX}:{kind}:{settings.PAGE_CACHE_RELEASE}:{version}:{moment}:{digest}"


def page_key(request: HttpRequest) -> str:
    return _versioned_key(
        "page", f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    )


def is_cacheable_request(request: HttpRequest) -> bool:
    """A reader's plain GET: staff carry a session cookie and always see the live site."""
    return settings.PAGE_CACHE_ENABLED and is_reader_request(request)


def is_reader_request(request: HttpRequest) -> bool:
    """A plain GET without a session cookie: what a reader, never staff, sends."""
    return request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES


class Fragments:
    """The cached parts of one page, read in one round trip and rendered only when missing.

    ``names`` are the fragments the page holds, all read by the first ``get_or_render``;
    ``scope`` names the page's object (``review:12``). The keys add the address's scheme and
    host (absolute URLs in JSON-LD and social cards) to the content state and the release.
    """

    def __init__(self, request: HttpRequest, scope: str, names: tuple[str, ...]) -> None:
        self.prefix = f"{request.scheme}://{request.get_host()}|{scope}|"
        self.names = names
        self.found: dict[str, str] | None = None

    @classmethod
    def for_request(
        cls, request: HttpRequest, scope: str, names: tuple[str, ...]
    ) -> Fragments | None:
        """The page's fragments for a reader's request; None (render everything) for staff,
        or when fragment caching is off."""
        return cls(request, scope, names) if cls.allowed(request) else None

    @staticmethod
    def allowed(request: HttpRequest) -> bool:
        """Whether ``request`` reads and fills fragments: a reader's, with caching on."""
        return settings.FRAGMENT_CACHE_ENABLED and is_reader_request(request)

    def key(self, name: str) -> str:
        return _versioned_key("fragment", self.prefix + name)

    def get_or_render(self, name: str, render: Callable[[], str]) -> str:
        """The fragment ``name`` from the cache, or ``render()`` stored for the next reader."""
        if self.found is None:
            keys = {self.key(each): each for each in self.names}
            stored = _safely(lambda: _cache().get_many(list(keys)), default={})
            self.found = {keys[key]: html for key, html in stored.items()}
        if name in self.found:
            return self.found[name]
        html = render()
        self.found[name] = html
        _safely(lambda: _cache().set(self.key(name), html, settings.PAGE_CACHE_SECONDS))
        return html


def is_cacheable_response(response: HttpResponseBase) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
    )


def _with_validators(response: HttpResponseBase) -> None:
    """An ETag for conditional GET, and a Cache-Control that makes browsers and CDNs ask."""
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if settings.PAGE_CACHE_CDN_SECONDS:
            patch_cache_control(response, s_maxage=settings.PAGE_CACHE_CDN_SECONDS)


def _stored(response: HttpResponseBase) -> tuple[bytes, list[tuple[str, str]]]:
    return response.content, list(response.headers.items())


def _rebuilt(stored: tuple[bytes, list[tuple[str, str]]]) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Outermost middleware: a hit is answered before any other middleware or view runs,
    with the headers the full stack gave the page (security headers and CSP included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with request_scope():
            return self._respond(request)

    def _respond(self, request: HttpRequest) -> HttpResponseBase:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        stored = _safely(lambda: _cache().get(key))
        if stored is not None:
            response = _rebuilt(stored)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not is_cacheable_response(response):
                return response
            _with_validators(response)
            timeout = settings.PAGE_CACHE_SECONDS
            _safely(lambda: _cache().set(key, _stored(response), timeout))
            response["X-Page-Cache"] = "miss"
        return self._conditional(request, response)

    @staticmethod
    def _conditional(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        """304 Not Modified when the reader already holds this page."""
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
