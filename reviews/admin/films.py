"""Films with their credits and stills, and genres."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from reversion.admin import VersionAdmin

from reviews.admin.credits import CreditForm, PersonAutocomplete, PersonOrNewField
from reviews.admin.film_import import FilmBulkAdmin
from reviews.admin.links import KeepOldSlugAdminMixin
from reviews.admin.refusals import RefusalReasonAdminMixin
from reviews.admin.revisions import RevisionCompareMixin
from reviews.admin.saving import SerialSaveAdminMixin
from reviews.admin.stills import thumbnail
from reviews.admin.versioning import VersionGuardAdminMixin, VersionGuardForm
from reviews.models import (
    Credit,
    Film,
    Genre,
    Photo,
    Review,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


def may_change_film_facts(user: User) -> bool:
    """Editors change a film's facts; a critic only adds films."""
    return user.has_perm("reviews.change_film")


def reviews_film(user: User, film: Film) -> bool:
    """Whether ``user`` is the critic of a review of ``film``."""
    return Review.objects.filter(film=film, critic__user_id=user.pk).exists()


def may_edit_credits(user: User, film: Film | None) -> bool:
    """Editors edit every film's credits; critics those of a new film or one they review."""
    if may_change_film_facts(user):
        return True
    return film is None or reviews_film(user, film)


class CreditInline(admin.TabularInline):
    """Compact enough for a 1,366-pixel screen; a new person is added by name in the row."""

    model = Credit
    form = CreditForm
    fields = ["person", "role", "character", "job", "billing"]
    autocomplete_fields = ["person"]
    extra = 1

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "person":
            kwargs["form_class"] = PersonOrNewField
            kwargs["allow_new"] = request.user.has_perm("reviews.add_person")
            kwargs["widget"] = PersonAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "person":
            # People are added in the row by name, not in a pop-up window.
            wrapper = formfield.widget
            wrapper.can_add_related = wrapper.can_change_related = False
            wrapper.can_delete_related = False
        return formfield

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_add_permission(request, obj) and may_edit_credits(request.user, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and may_edit_credits(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and may_edit_credits(request.user, obj)


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
    RefusalReasonAdminMixin,
    VersionGuardAdminMixin,
    KeepOldSlugAdminMixin,
    FilmBulkAdmin,
    RevisionCompareMixin,
    VersionAdmin,
):
    form = VersionGuardForm
    refusal_reason = (
        "An existing film's facts and credits are changed by an editor; a critic adds the "
        "credits of a film they review."
    )
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

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # A critic may open the form of a film they review to add its credits; its facts
        # stay read only (get_readonly_fields).
        if super().has_change_permission(request, obj):
            return True
        user = request.user
        if obj is None or not user.has_perm("reviews.change_credit"):
            return False
        return reviews_film(user, obj)

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is None or may_change_film_facts(request.user):
            return readonly
        facts = [name for _, options in self.fieldsets for name in options["fields"]]
        return readonly + [name for name in facts if name not in readonly]

    def get_prepopulated_fields(self, request: HttpRequest, obj=None) -> dict:
        if obj is not None and not may_change_film_facts(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: Film, form, change: bool) -> None:
        # A critic adding credits leaves the film's own row as it is.
        if change and not may_change_film_facts(request.user):
            return
        super().save_model(request, obj, form, change)
