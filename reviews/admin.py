"""The editors' admin: films with their credits, reviews with their stills, the photo library."""

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin

from reviews import services
from reviews.admin_bulk import FilmBulkAdmin, PersonMergeAdmin
from reviews.admin_links import review_site_url
from reviews.admin_workflow import ReviewWorkflowAdminMixin, RevisionCompareMixin
from reviews.images import StillFileField, StillJudgedByFieldMixin
from reviews.models import (
    Correction,
    Credit,
    Critic,
    Film,
    Genre,
    Person,
    Photo,
    Review,
    SlugRedirect,
)
from reviews.models.photos import EXPIRING_SOON_DAYS
from reviews.models.reviews import ReviewStill
from reviews.revisions import register_models
from reviews.slug_redirects import KeepOldSlugAdminMixin
from reviews.templatetags.stills import still_thumbnail_url

# Before the VersionAdmins below register on their own, following every inline.
register_models()


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


class CreditInline(admin.TabularInline):
    model = Credit
    fields = ["person", "role", "character", "job", "billing"]
    autocomplete_fields = ["person"]
    extra = 1


class PersonCreditInline(admin.TabularInline):
    model = Credit
    fields = ["film", "role", "character", "job", "billing"]
    autocomplete_fields = ["film"]
    extra = 0
    verbose_name_plural = "credits"


class FilmStillInline(admin.TabularInline):
    model = Photo
    fields = ["preview", "caption", "credit_line", "usage_expires"]
    readonly_fields = ["preview", "caption", "credit_line", "usage_expires"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "stills of this film"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="Still")
    def preview(self, photo: Photo) -> str:
        return thumbnail(photo, 80)


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Film)
class FilmAdmin(KeepOldSlugAdminMixin, FilmBulkAdmin, RevisionCompareMixin, VersionAdmin):
    slug_redirect_kind = SlugRedirect.Kind.FILM
    # Import link and reversion's "Recover deleted films" together.
    change_list_template = "admin/reviews/film/change_list.html"
    list_display = ["title", "year", "mpaa_rating", "running_time", "distributor", "updated_at"]
    list_filter = ["mpaa_rating", "genres", "year"]
    search_fields = ["title", "distributor"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_still"]
    filter_horizontal = ["genres"]
    # A trailer address typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [CreditInline, FilmStillInline]
    compared_fields = ["title", "slug", "release_date", "year", "mpaa_rating", "running_time",
                       "content_advisory", "where_playing", "distributor", "synopsis",
                       "trailer_url", "trailer_caption", "trailer_credit"]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "slug", "release_date", "year", "synopsis"]}),
        (
            "As printed in the review's facts box",
            {
                "fields": [
                    "mpaa_rating",
                    "running_time",
                    "content_advisory",
                    "where_playing",
                    "distributor",
                    "genres",
                ]
            },
        ),
        ("Pictures and trailer", {"fields": ["lead_still", "trailer_url", "trailer_caption",
                                             "trailer_credit"]}),
    ]  # fmt: skip


@admin.register(Person)
class PersonAdmin(KeepOldSlugAdminMixin, PersonMergeAdmin):
    slug_redirect_kind = SlugRedirect.Kind.PERSON
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonCreditInline]


@admin.register(Critic)
class CriticAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


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


class PhotoAdminForm(StillJudgedByFieldMixin, forms.ModelForm):
    """The focal point may be left out: a still without one is centred."""

    class Meta:
        model = Photo
        fields = [
            "image",
            "caption",
            "credit_line",
            "alt_text",
            "film",
            "rights_holder",
            "usage_expires",
            "focal_x",
            "focal_y",
        ]
        field_classes = {"image": StillFileField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("focal_x", "focal_y"):
            self.fields[name].required = False

    def _focal(self, name: str) -> float:
        value = self.cleaned_data.get(name)
        return Photo._meta.get_field(name).default if value is None else value

    def clean_focal_x(self) -> float:
        return self._focal("focal_x")

    def clean_focal_y(self) -> float:
        return self._focal("focal_y")


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["preview", "caption", "credit_line", "film", "usage_expires", "usable"]
    list_display_links = ["preview", "caption"]
    list_filter = [UsageRightsFilter, "uploaded_at"]
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


class ReviewStillInline(admin.TabularInline):
    model = ReviewStill
    fields = ["photo", "after_paragraph", "order"]
    autocomplete_fields = ["photo"]
    extra = 0
    ordering = ["after_paragraph", "order"]


class CorrectionForm(forms.ModelForm):
    def clean_published_at(self):
        # Year 9999 in New York is year 10000 in UTC: the database could not store it.
        when = self.cleaned_data.get("published_at")
        if when and when > timezone.now() + datetime.timedelta(days=366):
            raise forms.ValidationError("A correction cannot be dated more than a year ahead.")
        return when


class CorrectionInline(admin.StackedInline):
    model = Correction
    form = CorrectionForm
    fields = ["text", "published_at"]
    extra = 0


@admin.register(Review)
class ReviewAdmin(ReviewWorkflowAdminMixin, VersionAdmin):
    """Critics see and edit only their own reviews and cannot publish; Editors can do all.

    The status changes only through the workflow buttons (reviews/admin_workflow.py).
    """

    list_display = ["headline", "film", "critic", "rating", "status", "published_at"]
    list_filter = ["status", "rating", "critic", "film__genres"]
    list_select_related = ["film", "critic"]
    search_fields = ["headline", "dek", "film__title", "critic__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["film", "critic", "lead_photo"]
    inlines = [ReviewStillInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["film", "headline", "slug", "dek", "critic", "rating"]}),
        ("Body", {"fields": ["body"]}),
        ("Publication", {"fields": ["status", "published_at", "lead_photo", "version"]}),
    ]

    @staticmethod
    def can_edit_any(request: HttpRequest) -> bool:
        return request.user.has_perm("reviews.edit_any_review")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Review]:
        return super().get_queryset(request).open_to(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_edit_any(request):
            readonly.append("critic")
        return readonly

    def _owns(self, request: HttpRequest, obj: Review | None) -> bool:
        return obj is None or self.can_edit_any(request) or obj.critic.user_id == request.user.pk

    def has_add_permission(self, request: HttpRequest) -> bool:
        if not super().has_add_permission(request):
            return False
        return self.can_edit_any(request) or hasattr(request.user, "critic")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._owns(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._owns(request, obj)

    def view_on_site(self, review: Review) -> str:
        return review_site_url(review)

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        byline = getattr(request.user, "critic", None)
        if obj is not None or byline is None or self.can_edit_any(request):
            return form

        class NewReviewForm(form):
            """A critic's byline is read only; the new review shows it before the first save."""

            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                self.instance.critic = byline

        return NewReviewForm

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        initial = super().get_changeform_initial_data(request)
        if hasattr(request.user, "critic"):
            initial.setdefault("critic", request.user.critic.pk)
        return initial

    def save_model(self, request: HttpRequest, obj: Review, form, change: bool) -> None:
        if not self.can_edit_any(request):
            if not hasattr(request.user, "critic"):
                raise PermissionDenied("Only critics with a byline can write reviews.")
            obj.critic = request.user.critic
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Correction) and instance.created_by_id is None:
                instance.created_by = request.user
                instance.published_at = instance.published_at or timezone.now()
            instance.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()
