"""The site's URLconf plus ``/bench/floor/``: a constant response through the same
middleware, the floor every page of the load benchmark is compared with. Bench only:
served by gunicorn with ``DJANGO_SETTINGS_MODULE=bench.floor_settings``."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


@never_cache  # the floor is built through every middleware each time, never a cache hit
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"floor\n", content_type="text/plain")


urlpatterns = [
    path("bench/floor/", floor),
    path("", include("newsroom.urls")),
]
