"""Requests no view should have to think about."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to a query string or form field holding a NUL character.

    PostgreSQL cannot store or compare text with NUL in it and raises, which would make any
    search box or admin autocomplete a 500 for a crafted address. Only GET parameters and
    url-encoded or multipart form fields are looked at; uploaded files are not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for params in sources:
            for key, values in params.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return HttpResponseBadRequest(
                        "The request contains a NUL character, which no field accepts.",
                        content_type="text/plain; charset=utf-8",
                    )
        return self.get_response(request)
