"""The N+1 detector of the test settings (``NEWSROOM_NPLUSONE_CHECK=1``), on readers' pages.

Every request to a public page runs inside django-zeal's context: a page that loads a
related object once per row raises ``NPlusOneError`` and fails its test, so a listing that is
fine on 25 rows cannot reach 100,000 with a query per card. Staff pages (the admin and the
desk) are Django's admin and reversion's, whose own lookups zeal would report.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from zeal import zeal_context

STAFF_PREFIXES = ("/desk/",)


class PublicPagesNPlusOneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        staff = (f"/{settings.ADMIN_URL}", *STAFF_PREFIXES)
        if request.path.startswith(staff):
            return self.get_response(request)
        with zeal_context():
            return self.get_response(request)
