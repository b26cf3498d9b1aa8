"""The site's URLconf plus the media files, for Lighthouse only: in production the stills
come from object storage or a CDN; here the pages must show them to be measured whole."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("", include("newsroom.urls")),
]
