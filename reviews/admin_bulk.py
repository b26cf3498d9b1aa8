"""The admin's bulk tools for editors: import films with a preview, export them, merge people.

Mixed into ``FilmAdmin`` and ``PersonAdmin``. Only Editors may use them: importing needs
the rights to add films, people, genres and credits; exporting, to change films; merging,
to delete people and move credits. Critics and the photo desk hold none of these.
"""

from __future__ import annotations

import base64
import secrets
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from reviews.duplicates import likely_duplicate_people
from reviews.importing import ImportFileError, import_films, parse_mapping
from reviews.importing.exporting import export_csv, export_json
from reviews.importing.reading import FIELDS
from reviews.importing.report import ImportReport
from reviews.models import Film, Person
from reviews.services import merge_people

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

IMPORT_PERMISSIONS = [
    "reviews.add_film",
    "reviews.change_film",
    "reviews.add_person",
    "reviews.add_genre",
    "reviews.add_credit",
    "reviews.change_credit",
]
EXPORT_PERMISSIONS = ["reviews.change_film"]
MERGE_PERMISSIONS = [
    "reviews.change_person",
    "reviews.delete_person",
    "reviews.change_credit",
    "reviews.delete_credit",
    "reviews.add_slugredirect",
    "reviews.change_slugredirect",
]
PREVIEW_ROWS = 1000
SESSION_KEY = "film-import"


def can_import_films(user: User) -> bool:
    return user.has_perms(IMPORT_PERMISSIONS)


def can_export_films(user: User) -> bool:
    return user.has_perms(EXPORT_PERMISSIONS)


def can_merge_people(user: User) -> bool:
    return user.has_perms(MERGE_PERMISSIONS)


class FilmImportForm(forms.Form):
    file = forms.FileField(help_text="A CSV or JSON file of films; see the export for the columns.")
    encoding = forms.CharField(
        required=False,
        max_length=40,
        help_text="Leave empty: UTF-8 and Latin-1 are recognised. E.g. cp1251 for Cyrillic.",
    )
    mapping = forms.CharField(
        label="Column mapping",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
        help_text=f"One per line, COLUMN=FIELD, e.g. Film Name=title. Fields: {', '.join(FIELDS)}.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {upload.size // 1024} KiB; the limit is {limit // 1024} KiB. "
                "Import larger files with manage.py import_films."
            )
        return upload

    def clean_mapping(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["mapping"].splitlines()]
        lines = [line for line in lines if line]
        try:
            parse_mapping(lines)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return lines


def _run_import(stored: dict, dry_run: bool) -> ImportReport:
    return import_films(
        base64.b64decode(stored["data"]),
        stored["name"],
        encoding=stored["encoding"] or None,
        mapping=parse_mapping(stored["mapping"]),
        dry_run=dry_run,
    )


class FilmBulkAdmin(admin.ModelAdmin):
    """Import with a preview, and export as CSV or JSON."""

    actions = ["export_as_csv", "export_as_json"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="reviews_film_import"), *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import_films": can_import_films(request.user),
        }
        return super().changelist_view(request, extra_context)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return can_export_films(request.user)

    @admin.action(description="Export selected films with credits as CSV", permissions=["export"])
    def export_as_csv(self, request: HttpRequest, queryset: QuerySet[Film]) -> HttpResponse:
        return self._download(export_csv(queryset), "text/csv", "csv")

    @admin.action(description="Export selected films with credits as JSON", permissions=["export"])
    def export_as_json(self, request: HttpRequest, queryset: QuerySet[Film]) -> HttpResponse:
        return self._download(export_json(queryset), "application/json", "json")

    @staticmethod
    def _download(content: str, content_type: str, extension: str) -> HttpResponse:
        response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
        name = f"films-{timezone.localtime():%Y-%m-%d-%H%M}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload, preview (a dry run, row by row), then confirm or cancel."""
        if not can_import_films(request.user):
            raise PermissionDenied("Only editors import films.")
        changelist = reverse("admin:reviews_film_changelist")
        if request.method == "POST" and "cancel" in request.POST:
            request.session.pop(SESSION_KEY, None)
            messages.info(request, "Import cancelled; nothing was written.")
            return HttpResponseRedirect(changelist)
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request)
        form = FilmImportForm(request.POST or None, request.FILES or None)
        context = {"form": form}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            stored = {
                "token": secrets.token_urlsafe(16),
                "name": upload.name,
                "data": base64.b64encode(upload.read()).decode(),
                "encoding": form.cleaned_data["encoding"],
                "mapping": form.cleaned_data["mapping"],
            }
            try:
                report = _run_import(stored, dry_run=True)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                request.session[SESSION_KEY] = stored
                context |= {"report": report, "token": stored["token"]}
        return self._render(request, "preview" if "report" in context else "upload", context)

    def _confirm(self, request: HttpRequest) -> HttpResponse:
        stored = request.session.get(SESSION_KEY)
        if not stored or stored["token"] != request.POST.get("token"):
            messages.error(request, "This preview has expired; upload the file again.")
            return redirect("admin:reviews_film_import")
        try:
            report = _run_import(stored, dry_run=False)
        except ImportFileError as error:  # the settings changed under us: say so, write nothing
            messages.error(request, str(error))
            return redirect("admin:reviews_film_import")
        del request.session[SESSION_KEY]
        level = messages.WARNING if report.counts["rejected"] else messages.SUCCESS
        messages.add_message(request, level, f"Imported {report.summary()}")
        return self._render(request, "done", {"report": report})

    def _render(self, request: HttpRequest, step: str, context: dict) -> TemplateResponse:
        report = context.get("report")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import films" if step != "done" else "Films imported",
            "step": step,
            "rows": report.rows[:PREVIEW_ROWS] if report else [],
            "hidden_rows": max(0, len(report.rows) - PREVIEW_ROWS) if report else 0,
            **context,
        }
        return TemplateResponse(request, "admin/reviews/film/import.html", context)


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
                result = merge_people(keep, [p for p in people if p.pk != keep.pk])
                messages.success(
                    request,
                    f"Merged {', '.join(result.merged)} into {keep.name}: {result.moved} "
                    f"credit(s) moved, {result.dropped} identical credit(s) folded together. "
                    f"The old address(es) now redirect to {keep.get_absolute_url()}.",
                )
                return redirect("admin:reviews_person_change", keep.pk)
        context = self._context(
            request, "Merge people", people=people, ids=",".join(map(str, ids)), error=error
        )
        return TemplateResponse(request, "admin/reviews/person/merge.html", context)
