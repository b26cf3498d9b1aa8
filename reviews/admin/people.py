"""People with their credits, merging duplicates, and critics' bylines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from reviews.admin.links import KeepOldSlugAdminMixin
from reviews.admin.refusals import RefusalReasonAdminMixin
from reviews.admin.saving import SerialSaveAdminMixin
from reviews.admin.versioning import VersionGuardAdminMixin, VersionGuardForm
from reviews.editorial.names import likely_duplicate_people
from reviews.editorial.people import merge_people
from reviews.models import Person
from reviews.transactions import WriteBusy

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser
from reviews.models import (
    Credit,
    Critic,
)

MERGE_PERMISSIONS = [
    "reviews.change_person",
    "reviews.delete_person",
    "reviews.change_credit",
    "reviews.delete_credit",
    "reviews.add_slugredirect",
    "reviews.change_slugredirect",
]


def can_merge_people(user: User) -> bool:
    return user.has_perms(MERGE_PERMISSIONS)


class PersonMergeAdmin(admin.ModelAdmin):
    """Merge people who are the same person; list the likely duplicates."""

    actions = ["merge_selected"]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("merge/", wrap(self.merge_view), name="reviews_person_merge"),
            path("duplicates/", wrap(self.duplicates_view), name="reviews_person_duplicates"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_merge_people": can_merge_people(request.user),
        }
        return super().changelist_view(request, extra_context)

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return can_merge_people(request.user)

    @admin.action(description="Merge selected people…", permissions=["merge"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet[Person]):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(f"{reverse('admin:reviews_person_merge')}?ids={ids}")

    def _context(self, request: HttpRequest, title: str, **extra) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title,
                **extra}  # fmt: skip

    def duplicates_view(self, request: HttpRequest) -> HttpResponse:
        if not can_merge_people(request.user):
            raise PermissionDenied("Only editors merge people.")
        context = self._context(
            request, "Likely duplicate people", groups=likely_duplicate_people()
        )
        return TemplateResponse(request, "admin/reviews/person/duplicates.html", context)

    def merge_view(self, request: HttpRequest) -> HttpResponse:
        if not can_merge_people(request.user):
            raise PermissionDenied("Only editors merge people.")
        raw = request.POST.get("ids") or request.GET.get("ids", "")
        ids = [int(part) for part in raw.split(",") if part.strip().isdigit()]
        people = list(
            Person.objects.filter(pk__in=ids)
            .annotate(credit_count=Count("credits"))
            .order_by("-credit_count", "name")
        )
        changelist = reverse("admin:reviews_person_changelist")
        if len(people) < 2:
            messages.error(request, "Choose two or more people to merge.")
            return HttpResponseRedirect(changelist)
        error = ""
        if request.method == "POST":
            keep = next((p for p in people if str(p.pk) == request.POST.get("keep")), None)
            if keep is None:
                error = "Choose the person to keep."
            else:
                try:
                    result = merge_people(keep, [p for p in people if p.pk != keep.pk])
                except (ValueError, WriteBusy) as refused:
                    return self._merge_page(request, people, ids, str(refused))
                messages.success(
                    request,
                    f"Merged {', '.join(result.merged)} into {keep.name}: {result.moved} "
                    f"credit(s) moved, {result.dropped} identical credit(s) folded together. "
                    f"The old address(es) now redirect to {keep.get_absolute_url()}.",
                )
                return redirect("admin:reviews_person_change", keep.pk)
        return self._merge_page(request, people, ids, error)

    def _merge_page(self, request: HttpRequest, people: list, ids: list, error: str):
        context = self._context(
            request, "Merge people", people=people, ids=",".join(map(str, ids)), error=error
        )
        return TemplateResponse(request, "admin/reviews/person/merge.html", context)


class PersonCreditInline(admin.TabularInline):
    model = Credit
    fields = ["film", "role", "character", "job", "billing"]
    autocomplete_fields = ["film"]
    extra = 0
    verbose_name_plural = "credits"


@admin.register(Person)
class PersonAdmin(
    RefusalReasonAdminMixin,
    SerialSaveAdminMixin,
    VersionGuardAdminMixin,
    KeepOldSlugAdminMixin,
    PersonMergeAdmin,
):
    form = VersionGuardForm
    refusal_reason = "People already in the system are changed by an editor."
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
