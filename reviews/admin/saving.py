"""Admin saves that meet another save: the second waits, then is answered on its form.

Two people saving one object at once used to meet in the database: one of them lost their
work or, on SQLite, got "database is locked" (a 500). Here every save (and every restore,
which writes even to show a revision) runs in a ``write_transaction`` that locks the
object's row before anything is read, so the second save waits for the first and is then
judged on what the first wrote: an edit conflict, or a slug the first one took, is a
message on the form.
"""

from __future__ import annotations

from django.contrib.admin import ModelAdmin
from django.contrib.admin.utils import unquote
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html

from reviews.admin.links import int_or_none
from reviews.transactions import WriteBusy, write_transaction


class SerialSaveAdminMixin(ModelAdmin):
    """Saves of one object one at a time; a slug taken a moment ago is a form error.

    Put it first among an admin's bases, so that the lock comes before any other read.
    """

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        return self._serially(request, None, super().add_view, form_url, extra_context)

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        view = super().change_view
        return self._serially(request, object_id, view, object_id, form_url, extra_context)

    def revision_view(self, request: HttpRequest, object_id: str, version_id, extra_context=None):
        # Reversion writes the old revision into the row even to show it (then rolls back).
        view = super().revision_view
        args = (object_id, version_id, extra_context)
        return self._serially(request, object_id, view, *args, always=True)

    def recover_view(self, request: HttpRequest, version_id, extra_context=None):
        view = super().recover_view
        return self._serially(request, None, view, version_id, extra_context, always=True)

    def _serially(self, request: HttpRequest, object_id, view, *args, always: bool = False):
        if request.method != "POST" and not always:
            return view(request, *args)
        for attempt in (1, 2):
            try:
                return self._locked(request, object_id, view, *args)
            except IntegrityError:
                # On PostgreSQL two new rows with one slug both pass the form's check, and
                # the second insert fails once the first commits. Once more: the form sees it.
                if attempt == 2 or not self._slug_taken(request, object_id):
                    raise
            except WriteBusy as busy:
                return self._busy(busy)

    def _locked(self, request: HttpRequest, object_id, view, *args):
        with write_transaction():
            if object_id is not None:
                rows = self.model._default_manager.select_for_update()
                list(rows.filter(pk=int_or_none(unquote(object_id))).values_list("pk", flat=True))
            return view(request, *args)

    def _slug_taken(self, request: HttpRequest, object_id) -> bool:
        """Whether another object has the slug this form posted."""
        slug = request.POST.get("slug", "")
        others = self.model._default_manager.filter(slug=slug)
        if object_id is not None:
            others = others.exclude(pk=int_or_none(unquote(object_id)))
        return bool(slug) and others.exists()

    @staticmethod
    def _busy(busy: WriteBusy) -> HttpResponse:
        """The lock was not had in time: say so, and that the form still holds the text."""
        return HttpResponse(
            format_html(
                "<h1>Not saved</h1><p>{}</p><p>Go back: your changes are still in the form "
                "you came from.</p>",
                str(busy),
            ),
            status=503,
            headers={"Retry-After": "5"},
        )
