"""Requests no view should have to think about: NUL characters, refused early, read late.

PostgreSQL cannot store or compare text holding a NUL character and raises, so a NUL in a
cookie (the session key is looked up), a header (django-axes stores the User-Agent and
Accept of every sign-in), the address or a form field would make a 500 of the page. Two
middlewares answer a clear 400 instead, each where it costs least:

- ``RejectNulBytesMiddleware``, ahead of sessions and authentication, looks at what is
  already in hand: the path, the query string, every header and every cookie.
- ``RejectNulFormFieldsMiddleware``, after CSRF, looks at the form fields. It must not run
  earlier: reading the body before CSRF refuses a cookieless POST would take in (and spool
  to disk) an upload of any size only to throw it away.

A sign-in refused either way counts as a failed one for django-axes: otherwise NUL would
make guesses the lockout never sees.
"""

from collections.abc import Callable, Iterator

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import resolve_url

NUL = "\x00"
#: A sign-in form is well under a kilobyte; a refused sign-in's body is read for its user
#: name only up to this size, so a large body is never taken in before CSRF.
LOGIN_BODY_LIMIT = 64 * 1024


def refused() -> HttpResponse:
    return HttpResponseBadRequest(
        "The request contains a NUL character, which no field accepts.",
        content_type="text/plain; charset=utf-8",
    )


def _pairs_hold_nul(pairs: Iterator[tuple[str, list[str]]]) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in pairs)


def nul_outside_the_body(request: HttpRequest) -> bool:
    """Whether the path, the query string, a header or a cookie holds NUL."""
    if NUL in request.path_info:
        return True
    for key, value in request.META.items():
        if (key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")) and (
            NUL in str(value)
        ):
            return True
    # Cookies are read from the raw header above, and again here once unquoted: a quoted
    # cookie value may spell NUL as an escape ("\000").
    cookies = ((key, [value]) for key, value in request.COOKIES.items())
    return _pairs_hold_nul(request.GET.lists()) or _pairs_hold_nul(cookies)


def nul_in_form_fields(request: HttpRequest) -> bool:
    """Whether a url-encoded or multipart form field holds NUL (uploaded files are not read)."""
    return request.method == "POST" and _pairs_hold_nul(request.POST.lists())


def is_sign_in(request: HttpRequest) -> bool:
    return request.method == "POST" and request.path_info == resolve_url(settings.LOGIN_URL)


def _without_nul(value: object) -> object:
    return value.replace(NUL, "\ufffd") if isinstance(value, str) else value


def _posted_username(request: HttpRequest) -> str | None:
    """The user name a refused sign-in names, read only from a body small enough to be a
    sign-in form (None when it is larger, or unreadable)."""
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > LOGIN_BODY_LIMIT:
            return None
        return request.POST.get(getattr(settings, "AXES_USERNAME_FORM_FIELD", "username"))
    except (OSError, ValueError, MultiPartParserError, SuspiciousOperation):
        return None


def count_failed_sign_in(request: HttpRequest) -> None:
    """Record a refused sign-in as a failed one, through the signal Django's own failed
    sign-ins send (django-axes listens to it).

    NUL is replaced in what axes stores (the user name, the headers of the request being
    refused), since the database would refuse it too.
    """
    username = _without_nul(_posted_username(request))
    request.META = {key: _without_nul(value) for key, value in request.META.items()}
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


class RejectNulBytesMiddleware:
    """Answer 400 to a path, query string, header or cookie holding NUL, before the session
    or the user is looked up. Placed ahead of the session and authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if nul_outside_the_body(request):
            if is_sign_in(request):
                count_failed_sign_in(request)
            return refused()
        return self.get_response(request)


class RejectNulFormFieldsMiddleware:
    """Answer 400 to a form field holding NUL, once CSRF has accepted the request.

    Placed after ``CsrfViewMiddleware``: its ``process_view`` runs only for requests CSRF let
    through (it stops the chain when it refuses one), so no body is read for a request that
    was going to be refused anyway.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if nul_in_form_fields(request):
            if is_sign_in(request):
                count_failed_sign_in(request)
            return refused()
        return None
