"""The review admin's workflow: state buttons, edit conflicts, revisions, previews, deletion.

``ReviewWorkflowAdminMixin`` goes in front of ``VersionAdmin`` on the review admin; it keeps
``reviews/admin.py`` about fields and inlines. ``RevisionCompareMixin`` adds the difference
between two revisions to any ``VersionAdmin`` (reviews and films).
"""

from __future__ import annotations

import difflib
import json
from typing import Any

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from reversion.models import Version

from reviews import workflow
from reviews.admin_links import int_or_none
from reviews.models import DeletionRecord, PreviewLink, Review, ReviewStatus, Transition

#: Fields the workflow owns; the change form shows them but never writes them.
WORKFLOW_FIELDS = ["status", "published_at", "version"]

#: The review's own fields whose changes a conflict or a comparison shows.
COMPARED_REVIEW_FIELDS = [
    "headline",
    "slug",
    "dek",
    "film",
    "critic",
    "rating",
    "body",
    "lead_photo",
]


# Differences -------------------------------------------------------------------------------


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


def _review_values(review: Review) -> dict:
    return {name: getattr(review, name) for name in COMPARED_REVIEW_FIELDS}


# Forms -------------------------------------------------------------------------------------


class ReviewAdminForm(forms.ModelForm):
    """The review change form, carrying the version it was loaded with.

    A save made against an older version than the one stored is refused; the refused text
    stays in the form and the other person's change is shown (``self.conflict``).
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    #: Set per request by the admin: the stored state before a revision was put back in view.
    live_state: dict | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: dict | None = None
        if self.instance.pk:
            live = self.live_state or {"version": self.instance.version}
            self.fields["loaded_version"].initial = live["version"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        loaded = cleaned.get("loaded_version")
        stored = (
            Review.objects.select_for_update(of=("self",)).select_related(
                "film", "critic", "lead_photo"
            )
        ).get(pk=self.instance.pk)
        current_version = self.live_state["version"] if self.live_state else stored.version
        if loaded is None:
            raise forms.ValidationError(
                "This form does not say which version of the review it was loaded with; "
                "copy your changes, reload the review and apply them again.",
                code="no_version",
            )
        if loaded != current_version:
            latest = Version.objects.get_for_object(stored).select_related("revision__user").first()
            # Only what this user could edit: a Critic's form has no byline field, for one.
            names = [name for name in COMPARED_REVIEW_FIELDS if name in self.fields]
            yours = {name: cleaned.get(name) for name in names}
            self.conflict = {
                "by": latest.revision.user if latest else None,
                "at": latest.revision.date_created if latest else stored.updated_at,
                "changes": field_changes(_review_values(stored), yours, _labels(Review, names)),
            }
            who = self.conflict["by"] or "someone else"
            raise forms.ValidationError(
                f"Not saved: {who} saved this review while you were editing it (your copy is "
                f"version {loaded}, the saved one is version {current_version}). Nothing was "
                "overwritten. Your text is still in the form below: copy what you need, "
                "reload the review and apply your changes to the saved version.",
                code="conflict",
            )
        return cleaned


class TransitionForm(forms.Form):
    message = forms.CharField(max_length=500, required=False)
    when = forms.DateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        label="publication time",
    )


class PreviewLinkForm(forms.Form):
    days = forms.TypedChoiceField(
        choices=[(d, f"{d} days") for d in workflow.PREVIEW_DAYS], coerce=int, initial=3
    )


# Admin mixins ------------------------------------------------------------------------------


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
        if not Version.objects.get_for_object(obj).filter(pk=int_or_none(version_id)).exists():
            raise Http404("No such revision of this object.")
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request: HttpRequest, version_id, extra_context=None):
        # Reversion takes any version of any model here: only a deleted object of this admin's.
        deleted = Version.objects.get_deleted(self.model)
        if not deleted.filter(pk=int_or_none(version_id)).exists():
            raise Http404("No such deleted object to recover.")
        return super().recover_view(request, version_id, extra_context)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        # Reversion lists a history by id alone; only objects this user may open have one.
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        context = {"versions": versions, **(extra_context or {})}
        return super().history_view(request, object_id, context)


class ReviewWorkflowAdminMixin(RevisionCompareMixin):
    """Status moves by buttons only; optimistic locking; previews; deletion records."""

    form = ReviewAdminForm
    change_form_template = "admin/reviews/review/change_form.html"
    compared_fields = [*COMPARED_REVIEW_FIELDS, "status", "published_at"]

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
            path(
                "<path:object_id>/preview-links/",
                view(self.create_preview_link_view),
                name="{}_{}_share".format(*info),
            ),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                view(self.revoke_preview_link_view),
                name="{}_{}_revoke".format(*info),
            ),
        ] + super().get_urls()

    # The form ---------------------------------------------------------------------------

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in WORKFLOW_FIELDS if name not in readonly]

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        first_name, first_options = fieldsets[0]
        first = (first_name, {**first_options, "fields": [*first_options["fields"]]})
        if "loaded_version" not in first[1]["fields"]:
            first[1]["fields"].append("loaded_version")
        return [first, *fieldsets[1:]]

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A fresh class per request (modelform_factory), so this does not leak between users.
        form.live_state = getattr(request, "_review_live_state", None)
        return form

    @staticmethod
    def _stored_state(pk) -> dict | None:
        return (
            Review.objects.filter(pk=pk).values("version", "status", "published_at", "slug").first()
        )

    def revision_view(self, request: HttpRequest, object_id: str, version_id, extra_context=None):
        # Reversion puts the old revision in the database before showing and saving the form;
        # what is stored now decides the conflict check, the state and the next version.
        request._review_live_state = self._stored_state(unquote(object_id))
        return super().revision_view(request, object_id, version_id, extra_context)

    def recoverlist_view(self, request: HttpRequest, extra_context=None):
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request: HttpRequest, version_id, extra_context=None):
        # Bringing back a deleted review is an Editor's call, and it comes back as a draft.
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(Review), pk=int_or_none(version_id))
        fields = version.field_dict
        request._review_live_state = {
            "version": fields["version"],
            "status": ReviewStatus.DRAFT,
            "published_at": None,
            "slug": fields["slug"],
        }
        return super().recover_view(request, version_id, extra_context)

    def save_model(self, request: HttpRequest, obj: Review, form, change: bool) -> None:
        if change:
            live = getattr(request, "_review_live_state", None) or self._stored_state(obj.pk)
            # Status and publication time change only through workflow actions, also when a
            # revision is restored; the version continues from the stored one.
            obj.status, obj.published_at, obj.version = (
                live["status"],
                live["published_at"],
                live["version"],
            )
        else:
            obj.status, obj.published_at = ReviewStatus.DRAFT, None
            live = None
        super().save_model(request, obj, form, change)
        if live:
            workflow.record_slug_change(obj, live["slug"])

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        review = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if review is not None:
            context["workflow"] = self._workflow_context(request, review)
        return super().change_view(request, object_id, form_url, context)

    def _workflow_context(self, request: HttpRequest, review: Review) -> dict:
        user = request.user
        links = []
        if user.has_perm("reviews.view_previewlink"):
            for link in review.preview_links.active():
                url = reverse("reviews:review-shared-preview", args=[workflow.preview_token(link)])
                links.append({"link": link, "url": request.build_absolute_uri(url)})
        return {
            "actions": [
                {
                    "action": action,
                    "url": reverse(self._url_name("workflow"), args=[review.pk, action.name]),
                }
                for action in workflow.available_actions(user, review)
            ],
            "transitions": review.transitions.select_related("by"),
            "preview_url": reverse("reviews:review-preview", args=[review.pk]),
            "live": review.is_published,
            "can_share": user.has_perm("reviews.add_previewlink"),
            "can_revoke": user.has_perm("reviews.change_previewlink"),
            "share_url": reverse(self._url_name("share"), args=[review.pk]),
            "share_form": PreviewLinkForm(),
            "links": links,
            "revoke_name": self._url_name("revoke"),
        }

    # Workflow and preview-link views (POST only, CSRF-protected by the middleware) ---------

    def _review_for_post(self, request: HttpRequest, object_id: str) -> Review:
        # Who may make which move is the workflow's rule (reviews/workflow.py); here only
        # whether the user may open the review at all.
        review = self.get_object(request, unquote(object_id))
        if review is None:
            raise Http404("No such review, or not one you may open.")
        if not self.has_view_or_change_permission(request, review):
            raise PermissionDenied
        return review

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Once submitted, a critic's copy is the desk's: they withdraw it to edit it again.
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed or workflow.is_editor(request.user):
            return allowed
        # While a revision is shown, the row holds the revision's state; the live one counts.
        live = getattr(request, "_review_live_state", None)
        return (live["status"] if live else obj.status) == ReviewStatus.DRAFT

    def _url_name(self, view: str) -> str:
        """The full name of one of this admin's URLs, e.g. ``admin:reviews_review_share``."""
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"

    def _back(self, review: Review) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse(self._url_name("change"), args=[review.pk]))

    def workflow_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        return require_POST(self._workflow_view)(request, object_id, action)

    def _workflow_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        review = self._review_for_post(request, object_id)
        if action not in workflow.ACTIONS:
            raise Http404("No such workflow action.")
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                messages.error(request, f"{form.fields[field].label or field}: {' '.join(errors)}")
            return self._back(review)
        label = workflow.ACTIONS[action].label
        try:
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(f"{label}. {form.cleaned_data['message']}".strip())
                workflow.apply_action(
                    review,
                    action,
                    request.user,
                    message=form.cleaned_data["message"],
                    when=form.cleaned_data["when"],
                )
        except workflow.WorkflowError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"{label}: the review is now {review.get_status_display().lower()}."
            )
        return self._back(review)

    def create_preview_link_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return require_POST(self._create_preview_link_view)(request, object_id)

    def _create_preview_link_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        review = self._review_for_post(request, object_id)
        form = PreviewLinkForm(request.POST)
        if not form.is_valid():
            messages.error(request, f"Preview link: {' '.join(form.errors['days'])}")
            return self._back(review)
        link = workflow.create_preview_link(review, request.user, form.cleaned_data["days"])
        url = request.build_absolute_uri(
            reverse("reviews:review-shared-preview", args=[workflow.preview_token(link)])
        )
        messages.success(
            request, f"Preview link, valid until {link.expires_at:%Y-%m-%d %H:%M}: {url}"
        )
        return self._back(review)

    def revoke_preview_link_view(self, request: HttpRequest, object_id: str, link_id: int):
        return require_POST(self._revoke_preview_link_view)(request, object_id, link_id)

    def _revoke_preview_link_view(self, request: HttpRequest, object_id: str, link_id: int):
        review = self._review_for_post(request, object_id)
        link = get_object_or_404(PreviewLink, pk=link_id, review=review)
        workflow.revoke_preview_link(link, request.user)
        messages.success(request, "The preview link was revoked; it no longer opens the review.")
        return self._back(review)

    # Deletion ---------------------------------------------------------------------------

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.may_delete(request.user, obj))

    def get_deleted_objects(self, objs, request: HttpRequest):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Transitions and preview links go with their review; the deletion record keeps them.
        perms_needed -= {Transition._meta.verbose_name, PreviewLink._meta.verbose_name}
        return deleted, counts, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj: Review) -> None:
        workflow.delete_review(obj, request.user)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for review in queryset:
            workflow.delete_review(review, request.user)


@admin.register(DeletionRecord)
class DeletionRecordAdmin(admin.ModelAdmin):
    """What is left of deleted reviews: read only, for the desk's records."""

    list_display = ["headline", "status", "deleted_by", "deleted_at"]
    list_select_related = ["deleted_by"]
    search_fields = ["headline", "slug"]
    readonly_fields = ["review_id", "headline", "slug", "status", "deleted_by", "deleted_at",
                       "pretty_snapshot"]  # fmt: skip
    fields = readonly_fields

    @admin.display(description="Snapshot")
    def pretty_snapshot(self, record: DeletionRecord) -> str:
        return format_html("<pre>{}</pre>", json.dumps(record.snapshot, indent=2))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
