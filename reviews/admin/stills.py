"""The photo library in the admin: stills with thumbnails, their rights and renditions."""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from reviews.admin.embargo import EmbargoFilter, embargo_label
from reviews.admin.forms import PHOTO_DETAILS, PhotoAdminForm
from reviews.admin.saving import SerialSaveAdminMixin
from reviews.admin.versioning import VersionGuardAdminMixin
from reviews.models import (
    Photo,
)
from reviews.models.photos import EXPIRING_SOON_DAYS
from reviews.stills import services
from reviews.stills.faults import StorageUnavailable
from reviews.stills.pictures import still_thumbnail_url
from reviews.stills.usage import uses_of
from reviews.transactions import write_transaction


def thumbnail(photo: Photo | None, size: int = 120) -> str:
    if not photo or not photo.image:
        return "—"
    # A small rendition when the list fetched them, not a 24-megapixel original.
    prefetched = "renditions" in getattr(photo, "_prefetched_objects_cache", {})
    use_thumbnail = prefetched or photo.files_withdrawn_at is not None
    return format_html(
        '<img src="{}" alt="{}" style="max-width:{}px;max-height:{}px;object-fit:cover">',
        still_thumbnail_url(photo, size) if use_thumbnail else photo.image.url,
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


class UsageFilter(admin.SimpleListFilter):
    title = "use"
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("used", "Used"), ("unused", "Unused")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "used":
            return queryset.in_use()
        if self.value() == "unused":
            return queryset.unused()
        return queryset


@admin.register(Photo)
class PhotoAdmin(SerialSaveAdminMixin, VersionGuardAdminMixin, admin.ModelAdmin):
    form = PhotoAdminForm
    # The version guard's conflict box, and the crops drawn over the picture.
    change_form_template = "admin/reviews/photo/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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
    list_filter = [UsageRightsFilter, UsageFilter, EmbargoFilter, "uploaded_at"]
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
        "used_in",
        "files_withdrawn_at",
    ]
    fields = [
        "image",
        "large_preview",
        *PHOTO_DETAILS,
        ("embargo_until", "embargo_note"),
        ("focal_x", "focal_y"),
        ("width", "height"),
        ("uploaded_by", "uploaded_at"),
        "used_in",
        "files_withdrawn_at",
        "rendition_list",
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/still_metadata.js"]

    @admin.display(description="Still")
    def preview(self, photo: Photo) -> str:
        return thumbnail(photo, 80)

    @admin.display(description="Preview")
    def large_preview(self, photo: Photo) -> str:
        """The still with its focal point and both crops drawn over it (still_focal.js
        moves them as the focal point fields change, or as the picture is clicked)."""
        if not photo.pk or not photo.image:
            return "—"
        context = {"photo": photo, "src": still_thumbnail_url(photo, 960)}
        return render_to_string("staff/includes/focal_frame.html", context)

    @admin.display(boolean=True, description="Usable")
    def usable(self, photo: Photo) -> bool:
        return photo.is_usable

    @admin.display(description="Embargo", ordering="embargo_until")
    def embargo(self, photo: Photo) -> str:
        return embargo_label(photo)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Photo]:
        return super().get_queryset(request).prefetch_related("renditions")

    @admin.display(description="Where it is used")
    def used_in(self, photo: Photo) -> str:
        """Every use, published or not; a still in none may be deleted."""
        if not photo.pk:
            return "—"
        return render_to_string("staff/includes/still_usage.html", uses_of(photo))

    @admin.display(description="Renditions")
    def rendition_list(self, photo: Photo) -> str:
        """Made in the background after an upload; the desk's pages show the original until then."""
        renditions = list(photo.renditions.all()) if photo.pk else []
        if not renditions:
            return "None yet (the pages show the original until they are made)."
        if photo.files_withdrawn_at:
            # No public address any more: listed, not linked.
            return ", ".join(f"{r.spec} {r.format} {r.width}×{r.height}" for r in renditions)
        return format_html_join(
            ", ",
            '<a href="{}">{} {} {}×{}</a>',
            ((r.file.url, r.spec, r.format, r.width, r.height) for r in renditions),
        )

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A fresh class per request (modelform_factory), so this does not leak between users.
        form.storage_refused = getattr(request, "_storage_refused", "")
        return form

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ) -> HttpResponse:
        """A picture storage refuses is an error on the form, not a 500.

        The refusal comes from ``save_model``, once the form is valid; the admin's
        transaction has rolled back and storage kept nothing (``save_still``). The same post
        is then judged once more, now with the reason on its picture field, so the form
        comes back with everything typed in it and nothing is saved.
        """
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageUnavailable as error:
            request._storage_refused = str(error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Photo, form, change: bool) -> None:
        """Through the service: the picture is cleaned, renditions queued, old files removed."""
        if not change:
            obj.uploaded_by = request.user
        upload = form.cleaned_data.get("image") if "image" in form.changed_data else None
        services.save_still(obj, upload)

    def response_add(
        self, request: HttpRequest, obj: Photo, post_url_continue: str | None = None
    ) -> HttpResponse:
        """A still whose fields the file filled opens again for the editor to confirm them
        (a pop-up closes as ever: its review needs the still, and its page marks them)."""
        if not obj.from_file or IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        filled = ", ".join(obj.from_file_labels)
        self.message_user(
            request,
            f"The still “{obj}” was added. Filled from the file: {filled}; check them, then "
            "save to confirm.",
            messages.WARNING,
        )
        return HttpResponseRedirect(reverse("admin:reviews_photo_change", args=[obj.pk]))

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        """A still placed in a review is refused, never a 500: the deletion locks the still's
        row before the admin counts its placements, so a placement under way is waited for
        and then listed as protected, and one coming after waits and finds the still gone.
        Should one slip in all the same, ``delete_still`` (which counts them again under the
        lock) refuses it and the still's page says why."""
        view = super().delete_view
        try:
            # The still's row locked first: the confirmation counts its placements as they are.
            return self._serially(request, object_id, view, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            change = reverse("admin:reviews_photo_change", args=[unquote(object_id)])
            return HttpResponseRedirect(change)

    def delete_model(self, request: HttpRequest, obj: Photo) -> None:
        services.delete_still(obj)

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """The list's actions in one transaction: a bulk deletion refused for one still
        (placed in a review since the confirmation page) deletes none, and says why."""
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        try:
            with write_transaction():
                return super().changelist_view(request, extra_context)
        except ValidationError as error:
            refusal = f"Nothing was deleted: {' '.join(error.messages)}"
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Photo]) -> None:
        """Every still or none (see ``changelist_view``): one in use raises, naming it."""
        for photo in queryset:
            try:
                services.delete_still(photo)
            except ValidationError as error:
                raise ValidationError(f"“{photo}”: {' '.join(error.messages)}") from error
