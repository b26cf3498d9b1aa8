"""Importing films with a row-by-row preview, and exporting them (Editors only).

Mixed into ``FilmAdmin``. Importing needs the rights to add films, people, genres and
credits; exporting, to change films. Critics and the photo desk hold none of these.
"""

from __future__ import annotations

import base64
import secrets
from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from reviews.admin.forms import FilmImportForm
from reviews.importing import ImportFileError, import_films, parse_mapping
from reviews.importing.exporting import export_csv, export_json
from reviews.importing.report import ImportReport
from reviews.models import Film

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


PREVIEW_ROWS = 1000


SESSION_KEY = "film-import"


def can_import_films(user: User) -> bool:
    return user.has_perms(IMPORT_PERMISSIONS)


def can_export_films(user: User) -> bool:
    return user.has_perms(EXPORT_PERMISSIONS)


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
