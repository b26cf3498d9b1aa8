from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from reviews.admin import links as admin_links
from reviews.admin import refusals, times

admin.site.site_header = "Newsroom film desk"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Reviews, films and stills"

#: A refusal in the admin is a page in its design saying what the role may do instead.
handler403 = refusals.permission_denied

urlpatterns = [
    # Ahead of the admin's own "view on site" view, which checks no permission.
    path(
        f"{settings.ADMIN_URL}r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_links.view_on_site),
    ),
    path(
        f"{settings.ADMIN_URL}time-zone/",
        admin.site.admin_view(times.time_zone_view),
        name="staff-time-zone",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("desk/", include("reviews.stills.desk.urls")),
    path("", include("reviews.public.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
