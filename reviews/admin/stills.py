"""The photo library in the admin: stills with thumbnails, their rights and renditions."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from reviews.admin.embargo import EmbargoFilter, embargo_label
from reviews.admin.forms import PhotoAdminForm
from reviews.models import (
    Photo,
)
from reviews.models.photos import EXPIRING_SOON_DAYS
from reviews.stills import services
from reviews.stills.pictures import still_thumbnail_url


def thumbnail(photo: Photo | None, size: int = 120) -> str:
    if not photo or not photo.image:
        return "—"
    # A small rendition when the list fetched them, not a 24-megapixel original.
    prefetched = "renditions" in getattr(photo, "_prefetched_objects_cache", {})
    return format_html(
        '<img src="{}" alt="{}" style="max-width:{}px;max-height:{}px;object-fit:cover">',
        still_thumbnail_url(photo, size) if prefetched else photo.image.url,
        photo.alt_text,
        size,
        size,
    )


class UsageRightsFilter(admin.SimpleListFilter):
    title = "usage rights"
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        soon = f"Expiring within {EXPIRING_SOON_DAYS} days"
        return [("expired", "Expired"), ("soon", soon), ("ok", "Usable")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "expired":
            return queryset.expired()
        if self.value() == "soon":
            return queryset.expiring_within(EXPIRING_SOON_DAYS)
        if self.value() == "ok":
            return queryset.usable()
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = [
        "preview",
        "caption",
        "credit_line",
        "film",
        "usage_expires",
        "usable",
        "embargo",
    ]
    list_display_links = ["preview", "caption"]
    list_filter = [UsageRightsFilter, EmbargoFilter, "uploaded_at"]
    list_select_related = ["film"]
    search_fields = ["caption", "credit_line", "alt_text", "film__title", "rights_holder"]
    autocomplete_fields = ["film"]
    readonly_fields = [
        "large_preview",
        "width",
        "height",
        "uploaded_by",
        "uploaded_at",
        "rendition_list",
    ]
    fields = [
        "image",
        "large_preview",
        "caption",
        "credit_line",
        "alt_text",
        "film",
        "rights_holder",
        "usage_expires",
        ("embargo_until", "embargo_note"),
        ("focal_x", "focal_y"),
        ("width", "height"),
        ("uploaded_by", "uploaded_at"),
        "rendition_list",
    ]

    @admin.display(description="Still")
    def preview(self, photo: Photo) -> str:
        return thumbnail(photo, 80)

    @admin.display(description="Preview")
    def large_preview(self, photo: Photo) -> str:
        return thumbnail(photo, 480)

    @admin.display(boolean=True, description="Usable")
    def usable(self, photo: Photo) -> bool:
        return photo.is_usable

    @admin.display(description="Embargo", ordering="embargo_until")
    def embargo(self, photo: Photo) -> str:
        return embargo_label(photo)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Photo]:
        return super().get_queryset(request).prefetch_related("renditions")

    @admin.display(description="Renditions")
    def rendition_list(self, photo: Photo) -> str:
        """Made in the background after an upload; the desk's pages show the original until then."""
        renditions = list(photo.renditions.all()) if photo.pk else []
        if not renditions:
            return "None yet (the pages show the original until they are made)."
        return format_html_join(
            ", ",
            '<a href="{}">{} {} {}×{}</a>',
            ((r.file.url, r.spec, r.format, r.width, r.height) for r in renditions),
        )

    def save_model(self, request: HttpRequest, obj: Photo, form, change: bool) -> None:
        """Through the service: the picture is cleaned, renditions queued, old files removed."""
        if not change:
            obj.uploaded_by = request.user
        upload = form.cleaned_data.get("image") if "image" in form.changed_data else None
        services.save_still(obj, upload)

    def delete_model(self, request: HttpRequest, obj: Photo) -> None:
        services.delete_still(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Photo]) -> None:
        for photo in queryset:
            services.delete_still(photo)
