"""Films with their credits and stills, and genres."""

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from reversion.admin import VersionAdmin

from reviews.admin.film_import import FilmBulkAdmin
from reviews.admin.links import KeepOldSlugAdminMixin
from reviews.admin.revisions import RevisionCompareMixin
from reviews.admin.saving import SerialSaveAdminMixin
from reviews.admin.stills import thumbnail
from reviews.admin.versioning import VersionGuardAdminMixin, VersionGuardForm
from reviews.models import (
    Credit,
    Film,
    Genre,
    Photo,
)


class CreditInline(admin.TabularInline):
    model = Credit
    fields = ["person", "role", "character", "job", "billing"]
    autocomplete_fields = ["person"]
    extra = 1


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
class FilmAdmin(
    SerialSaveAdminMixin,
    VersionGuardAdminMixin,
    KeepOldSlugAdminMixin,
    FilmBulkAdmin,
    RevisionCompareMixin,
    VersionAdmin,
):
    form = VersionGuardForm
    # Import link and reversion's "Recover deleted films" together.
    change_list_template = "admin/reviews/film/change_list.html"
    list_display = ["title", "year", "mpaa_rating", "running_time", "distributor", "updated_at"]
    list_filter = ["mpaa_rating", "genres", "year"]
    search_fields = ["title", "distributor"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_still", "trailer_poster"]
    filter_horizontal = ["genres"]
    # A trailer address typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [CreditInline, FilmStillInline]
    compared_fields = ["title", "slug", "release_date", "year", "mpaa_rating", "running_time",
                       "content_advisory", "where_playing", "language", "distributor", "synopsis",
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
                    "language",
                    "distributor",
                    "genres",
                ]
            },
        ),
        ("Pictures and trailer", {"fields": ["lead_still", "trailer_url", "trailer_caption",
                                             "trailer_credit", "trailer_poster"]}),
    ]  # fmt: skip
