"""The review admin: fields and inlines, the workflow buttons, edit conflicts, previews
and deletion records.

Critics see and edit only their own reviews and cannot publish; Editors can do all. The
status changes only through the workflow buttons.
"""

from __future__ import annotations

import json

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import smart_split, unescape_string_literal
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.models import Version

from reviews.admin.bulk import BulkWorkflowActionsMixin
from reviews.admin.copydesk import StoryImportAdminMixin
from reviews.admin.desk import ReviewDeskAdminMixin
from reviews.admin.embargo import EmbargoFilter, embargo_label
from reviews.admin.forms import (
    COMPARED_REVIEW_FIELDS,
    CorrectionForm,
    PlacementForm,
    PlacementFormSet,
    PreviewLinkForm,
    ReviewAdminForm,
    TransitionForm,
)
from reviews.admin.links import int_or_none, review_site_url
from reviews.admin.list_filters import GenreFilter
from reviews.admin.placement import PlacementAdminMixin
from reviews.admin.revisions import RevisionCompareMixin
from reviews.admin.saving import SerialSaveAdminMixin
from reviews.admin.stills import thumbnail
from reviews.admin.times import zone_label, zoned
from reviews.editorial import deletion, embargo, previews, workflow
from reviews.editorial.front_page import pin_lead
from reviews.editorial.revisions import RestoreGuard
from reviews.models import (
    Correction,
    DeletionRecord,
    PreviewLink,
    Review,
    ReviewDraft,
    ReviewPresence,
    ReviewStatus,
    SlugRedirect,
    Transition,
)
from reviews.models.reviews import ReviewStill
from reviews.sanitize import sanitize_html
from reviews.transactions import write_transaction

#: Fields the workflow owns; the change form shows them but never writes them.
WORKFLOW_FIELDS = ["status", "published_at", "version"]

#: A critic's list: open work first, the review waiting on the desk at the top.
CRITIC_ORDER = Case(
    When(status=ReviewStatus.IN_REVIEW, then=Value(0)),
    When(status=ReviewStatus.DRAFT, then=Value(1)),
    When(status=ReviewStatus.SCHEDULED, then=Value(2)),
    default=Value(3),
)


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
        form.show_versions = workflow.is_editor(request.user)
        return form

    @staticmethod
    def _stored_state(pk, *, lock: bool = False) -> dict | None:
        reviews = Review.objects.select_for_update() if lock else Review.objects
        fields = ("version", "status", "published_at", "slug", "embargo_until")
        return reviews.filter(pk=int_or_none(pk)).values(*fields).first()

    def revision_view(self, request: HttpRequest, object_id: str, version_id, extra_context=None):
        # Reversion puts the old revision in the database before showing and saving the form;
        # what is stored now decides the conflict check, the state and the next version. It
        # is read under the row's lock, held until the restore commits: a save made meanwhile
        # waits and is then refused as a conflict, and a save made before is seen here.
        with write_transaction():
            live = self._stored_state(unquote(object_id), lock=True)
            request._review_live_state = live
            if live is not None:
                review = Review.objects.get(pk=int_or_none(unquote(object_id)))
                request._restore_guard = RestoreGuard.taken(review, request.user)
            return super().revision_view(request, object_id, version_id, extra_context)

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        guard = getattr(request, "_restore_guard", None)
        if guard is not None:
            # Reversion has just written the old revision back, corrections and stills with
            # it: what this user could not have removed or changed by hand is put back, so
            # the form shows, and the restore saves, only what they may restore.
            request._restore_guard = None
            guard.put_back()
        return super().changeform_view(request, object_id, form_url, extra_context)

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
            "embargo_until": fields.get("embargo_until"),
        }
        return super().recover_view(request, version_id, extra_context)

    def save_model(self, request: HttpRequest, obj: Review, form, change: bool) -> None:
        if change:
            live = getattr(request, "_review_live_state", None) or self._stored_state(
                obj.pk, lock=True
            )
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
        request._previous_embargo = live.get("embargo_until") if live else None
        super().save_model(request, obj, form, change)
        if live:
            SlugRedirect.objects.remember(obj, live["slug"])

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
                url = reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])
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
            "zone": zone_label(),
            "missing": workflow.publication_problems(review),
        }

    # Workflow and preview-link views (POST only, CSRF-protected by the middleware) ---------

    def _review_for_post(self, request: HttpRequest, object_id: str) -> Review:
        # Who may make which move is the workflow's rule (reviews/editorial/workflow.py); here only
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
            # The write lock before reversion's transaction begins, so SQLite waits for it.
            with write_transaction(), reversion.create_revision():
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
            messages.success(request, self._moved_message(label, review))
        return self._back(review)

    @staticmethod
    def _moved_message(label: str, review: Review) -> str:
        """What a move did, with the publication time (and its zone) when it has one."""
        state = review.get_status_display().lower()
        if review.status == ReviewStatus.SCHEDULED:
            return f"{label}: the review is now scheduled for {zoned(review.published_at)}."
        if review.status == ReviewStatus.PUBLISHED:
            return (
                f"{label}: the review is now published. Publication time: "
                f"{zoned(review.published_at)}."
            )
        return f"{label}: the review is now {state}."

    def create_preview_link_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return require_POST(self._create_preview_link_view)(request, object_id)

    def _create_preview_link_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        review = self._review_for_post(request, object_id)
        form = PreviewLinkForm(request.POST)
        if not form.is_valid():
            messages.error(request, f"Preview link: {' '.join(form.errors['days'])}")
            return self._back(review)
        link = previews.create_preview_link(review, request.user, form.cleaned_data["days"])
        url = request.build_absolute_uri(
            reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])
        )
        messages.success(request, f"Preview link, valid until {zoned(link.expires_at)}: {url}")
        return self._back(review)

    def revoke_preview_link_view(self, request: HttpRequest, object_id: str, link_id: int):
        return require_POST(self._revoke_preview_link_view)(request, object_id, link_id)

    def _revoke_preview_link_view(self, request: HttpRequest, object_id: str, link_id: int):
        review = self._review_for_post(request, object_id)
        link = get_object_or_404(PreviewLink, pk=link_id, review=review)
        previews.revoke_preview_link(link, request.user)
        messages.success(request, "The preview link was revoked; it no longer opens the review.")
        return self._back(review)

    # Deletion ---------------------------------------------------------------------------

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or deletion.may_delete(request.user, obj))

    def get_deleted_objects(self, objs, request: HttpRequest):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Transitions and preview links go with their review; the deletion record keeps them.
        perms_needed -= {
            model._meta.verbose_name
            for model in (Transition, PreviewLink, ReviewDraft, ReviewPresence)
        }
        return deleted, counts, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj: Review) -> None:
        deletion.delete_review(obj, request.user)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for review in queryset:
            deletion.delete_review(review, request.user)


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


class ReviewStillInline(admin.TabularInline):
    model = ReviewStill
    form = PlacementForm
    formset = PlacementFormSet
    fields = ["picture", "photo", "after_paragraph", "order"]
    readonly_fields = ["picture"]
    autocomplete_fields = ["photo"]
    extra = 0
    ordering = ["after_paragraph", "order"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewStill]:
        # Small renditions for the pictures, fetched for all rows at once.
        return (
            super()
            .get_queryset(request)
            .select_related("photo")
            .prefetch_related("photo__renditions")
        )

    @admin.display(description="Picture")
    def picture(self, placement: ReviewStill) -> str:
        return thumbnail(placement.photo if placement.photo_id else None, 120)


class CorrectionInline(admin.StackedInline):
    model = Correction
    form = CorrectionForm
    fields = ["kind", "text", "published_at"]
    extra = 0


@admin.register(Review)
class ReviewAdmin(
    BulkWorkflowActionsMixin,
    StoryImportAdminMixin,
    SerialSaveAdminMixin,
    ReviewDeskAdminMixin,
    PlacementAdminMixin,
    ReviewWorkflowAdminMixin,
    VersionAdmin,
):
    """Critics see and edit only their own reviews and cannot publish; Editors can do all.

    The status changes only through the workflow buttons.
    """

    change_list_template = "admin/reviews/review/change_list.html"
    list_display = ["headline", "film", "critic", "rating", "status", "published_at", "embargo"]
    list_filter = [
        "status",
        EmbargoFilter,
        "rating",
        "critic",
        GenreFilter,
        "published_at",
    ]
    list_select_related = ["film", "critic"]
    search_fields = ["headline", "dek", "film__title", "critic__name"]
    # At 100,000 reviews: no full count beside the filtered one, and a date filter (today,
    # past 7 days, this month, this year) instead of a date hierarchy, which reads the
    # distinct years of every matching review on each load.
    show_full_result_count = False
    # A page of 50: the admin's rows cost about a millisecond each to render.
    list_per_page = 50
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["film", "critic", "lead_still"]
    inlines = [ReviewStillInline, CorrectionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "film",
                    "headline",
                    "slug",
                    "dek",
                    "critic",
                    "rating",
                    "not_rated",
                    "critics_pick",
                ]
            },
        ),
        ("Body", {"fields": ["body", "pull_quote"]}),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "published_at",
                    "lead_still",
                    "pinned",
                    ("embargo_until", "embargo_note"),
                    "version",
                ]
            },
        ),
    ]
    actions = [*BulkWorkflowActionsMixin.actions, "pin_as_lead"]

    @admin.action(description="Pin as the home page's lead", permissions=["publish"])
    def pin_as_lead(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        """Move the home page's pin to the one review selected (the pin before it is lifted)."""
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one review to pin.", messages.ERROR)
            return
        review = queryset.get()
        pin_lead(review)
        note = "" if review.is_published else " It leads once it is published."
        self.message_user(request, f"“{review}” now leads the home page.{note}", messages.SUCCESS)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("reviews.publish_review")

    @admin.display(description="Embargo", ordering="embargo_until")
    def embargo(self, review: Review) -> str:
        return embargo_label(review)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Review], search_term: str
    ) -> tuple[QuerySet[Review], bool]:
        """Every word in the headline, dek, film title or critic's name, as search_fields
        says, through ``Review.objects.containing``, which the trigram indexes answer."""
        for word in smart_split(search_term):
            if word[0] in "\"'" and word[-1] == word[0]:
                word = unescape_string_literal(word)
            queryset = queryset.containing(word)
        return queryset, False

    @staticmethod
    def can_edit_any(request: HttpRequest) -> bool:
        return request.user.has_perm("reviews.edit_any_review")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Review]:
        return super().get_queryset(request).open_to(request.user)

    def get_ordering(self, request: HttpRequest):
        """A critic's own list puts the work still open first (in review, then drafts, by
        last save), then what is scheduled, then the rest newest first. Editors keep the
        newest-first order their index serves."""
        if self.can_edit_any(request):
            return super().get_ordering(request)
        return [CRITIC_ORDER.asc(), F("published_at").desc(nulls_last=True), "-updated_at"]

    def get_changelist(self, request: HttpRequest, **kwargs):
        changelist = super().get_changelist(request, **kwargs)

        class ReviewChangeList(changelist):
            """The list leaves out the body, the one large column, which it never shows."""

            def get_queryset(self, request, exclude_parameters=None):
                return super().get_queryset(request, exclude_parameters).defer("body")

        return ReviewChangeList

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_edit_any(request):
            readonly.append("critic")
        if not request.user.has_perm("reviews.publish_review"):
            readonly.append("pinned")  # the front page is the Editors' to arrange
        return [*readonly, "rendered_body"]

    def get_fieldsets(self, request: HttpRequest, obj=None):
        """A read-only review shows its body as readers see it; the internal version
        number is the desk's, not the critics'."""
        fieldsets = super().get_fieldsets(request, obj)
        editor = workflow.is_editor(request.user)
        readonly = obj is not None and not self.has_change_permission(request, obj)
        if editor and not readonly:
            return fieldsets
        swap = {"body": "rendered_body"} if readonly else {}
        drop = set() if editor else {"version"}
        return [
            (name, {**options, "fields": [swap.get(f, f) for f in options["fields"]
                                          if f not in drop]})
            for name, options in fieldsets
        ]  # fmt: skip

    @admin.display(description="Body")
    def rendered_body(self, review: Review) -> str:
        # Sanitised again on the way out: the stored body was sanitised on save.
        return mark_safe(f'<div class="rendered-body">{sanitize_html(review.body)}</div>')

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

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Its stills, placed and lead, now saved: the review's embargo covers them too.
        embargo.extend_to_stills(form.instance, getattr(request, "_previous_embargo", None))

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
