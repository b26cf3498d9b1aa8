"""Comparing two revisions of a film or a review, and restoring one safely.

``RevisionCompareMixin`` adds the difference between two revisions to any ``VersionAdmin``.
"""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from reviews.admin.links import int_or_none
from reviews.editorial.revisions import cannot_restore_message, missing_references


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    # Paragraph ends become line ends so a body diff reads paragraph by paragraph.
    for tag in ("</p>", "</li>", "</h2>", "</h3>", "</blockquote>", "<br>"):
        text = text.replace(tag, tag + "\n")
    return text


def field_changes(before: dict, after: dict, labels: dict[str, str]) -> list[dict]:
    """The fields whose values differ, each with both values and a line diff of them."""
    changes = []
    for name, label in labels.items():
        old, new = _as_text(before.get(name)), _as_text(after.get(name))
        if old == new:
            continue
        diff = list(
            difflib.unified_diff(
                old.splitlines(), new.splitlines(), "before", "after", lineterm="", n=1
            )
        )[2:]
        changes.append({"name": name, "label": label, "before": old, "after": new, "diff": diff})
    return changes


def _labels(model, names: list[str]) -> dict[str, str]:
    return {name: str(model._meta.get_field(name).verbose_name) for name in names}


class RevisionCompareMixin:
    """A "compare two revisions" page for a ``VersionAdmin``, linked from its history."""

    object_history_template = "admin/reviews/object_history.html"
    compared_fields: list[str] = []

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            )
        ] + super().get_urls()

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404("No such object.")
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        try:
            older = versions.get(pk=request.GET.get("a", ""))
            newer = versions.get(pk=request.GET.get("b", ""))
        except (Version.DoesNotExist, ValueError) as exc:
            raise Http404("Choose two revisions of this object to compare.") from exc
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": f"Changes to {obj} between two revisions",
            "older": older,
            "newer": newer,
            "changes": field_changes(
                older.field_dict, newer.field_dict, _labels(self.model, self.compared_fields)
            ),
            "related": self._related_changes(older, newer),
        }
        return TemplateResponse(request, "admin/reviews/compare_revisions.html", context)

    @staticmethod
    def _related_changes(older: Version, newer: Version) -> list[dict]:
        """Followed objects (credits, stills, corrections) added or removed between the two."""

        def described(version: Version) -> dict[tuple[int, str], str]:
            return {
                (v.content_type_id, v.object_id): f"{v.content_type.name}: {v.object_repr}"
                for v in version.revision.version_set.select_related("content_type")
                if (v.content_type_id, v.object_id) != (version.content_type_id, version.object_id)
            }

        before, after = described(older), described(newer)
        return [{"sign": "−", "text": before[k]} for k in before.keys() - after.keys()] + [
            {"sign": "+", "text": after[k]} for k in after.keys() - before.keys()
        ]

    def revision_view(self, request: HttpRequest, object_id: str, version_id, extra_context=None):
        # Reversion reverts before the change form checks who may edit, and keeps the revert
        # when that form redirects; so check first, against the object as it stands.
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        # Reversion finds the version by its id and the object's id alone, not its model: a
        # film's or a correction's version with the same id would revert that revision (and
        # everything in it) behind this object's form. Only this object's own versions.
        version = Version.objects.get_for_object(obj).filter(pk=int_or_none(version_id)).first()
        if version is None:
            raise Http404("No such revision of this object.")
        if refused := self._refuse_missing(request, version, "history", obj.pk):
            return refused
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request: HttpRequest, version_id, extra_context=None):
        # Reversion takes any version of any model here: only a deleted object of this admin's.
        deleted = Version.objects.get_deleted(self.model)
        version = deleted.filter(pk=int_or_none(version_id)).first()
        if version is None:
            raise Http404("No such deleted object to recover.")
        if refused := self._refuse_missing(request, version, "recoverlist"):
            return refused
        return super().recover_view(request, version_id, extra_context)

    def _refuse_missing(self, request: HttpRequest, version: Version, back: str, *args):
        """A redirect saying why, when the revision names what is gone since (a person merged
        into another, a deleted still): writing it back would fail in the database."""
        missing = missing_references(version.revision)
        if not missing:
            return None
        messages.error(request, cannot_restore_message(missing, self.model._meta.verbose_name))
        opts = self.model._meta
        name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{back}"
        return HttpResponseRedirect(reverse(name, args=args))

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        # Reversion lists a history by id alone; only objects this user may open have one.
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        context = {"versions": versions, **(extra_context or {})}
        return super().history_view(request, object_id, context)
