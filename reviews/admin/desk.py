"""Nothing typed is lost, and no one is surprised: a review's text kept on the server while
it is typed (offered back on the next open), and who else has the review open.

Both are private to the desk: a draft is only ever shown to the person who typed it, and
presence only to people who may open the review. Neither touches the review itself: the
optimistic lock (``ReviewAdminForm``) still decides every save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from reviews.admin.times import zoned
from reviews.models import Review, ReviewDraft, ReviewPresence
from reviews.sanitize import sanitize_html

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

#: Longest body an autosave keeps (a review is a few thousand words).
MAX_DRAFT_BODY = 200_000


class AutosaveForm(forms.Form):
    """What the review's page sends every few seconds while someone types."""

    loaded_version = forms.IntegerField(min_value=1)
    headline = forms.CharField(max_length=200, required=False, strip=False)
    dek = forms.CharField(max_length=300, required=False, strip=False)
    body = forms.CharField(max_length=MAX_DRAFT_BODY, required=False, strip=False)


def person_name(user: AbstractBaseUser) -> str:
    """How the desk names a colleague: their byline, their full name or their username."""
    critic = getattr(user, "critic", None)
    return (critic.name if critic else "") or user.get_full_name() or user.get_username()


def offered_draft(review: Review, user: AbstractBaseUser) -> ReviewDraft | None:
    """The user's unsaved draft of ``review`` if it is newer than the last save; an older
    one, or one the same as the review, is dropped (the save holds what they meant to keep)."""
    draft = ReviewDraft.objects.filter(review=review, user=user).first()
    if draft is None:
        return None
    same = (draft.headline, draft.dek, draft.body) == (review.headline, review.dek, review.body)
    if same or draft.saved_at <= review.updated_at:
        draft.delete()
        return None
    return draft


def others_present(review: Review, user: AbstractBaseUser) -> list[ReviewPresence]:
    """Who else has ``review`` open now, longest first."""
    recent = timezone.now() - ReviewPresence.EXPIRES_AFTER
    return list(
        ReviewPresence.objects.filter(review=review, seen_at__gt=recent)
        .exclude(user=user)
        .select_related("user__critic")
        .order_by("since")
    )


def record_presence(review: Review, user: AbstractBaseUser) -> ReviewPresence:
    """Say that ``user`` has ``review`` open; "since" restarts after the mark expired."""
    now = timezone.now()
    presence, created = ReviewPresence.objects.get_or_create(review=review, user=user)
    if not created:
        if not presence.is_current:
            presence.since = now
        presence.seen_at = now
        presence.save(update_fields=["since", "seen_at"])
    return presence


def presence_notice(others: list[ReviewPresence]) -> list[dict]:
    """Who and since when, as the page shows them."""
    return [{"who": person_name(p.user), "since": zoned(p.since)} for p in others]


class ReviewDeskAdminMixin(admin.ModelAdmin):
    """Autosave and presence on the review's change form."""

    def get_urls(self) -> list:
        view = self.admin_site.admin_view
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        return [
            path("<path:object_id>/autosave/", view(self.autosave_view),
                 name=f"{name}_autosave"),
            path("<path:object_id>/autosave/discard/", view(self.discard_draft_view),
                 name=f"{name}_discard_draft"),
            path("<path:object_id>/presence/", view(self.presence_view),
                 name=f"{name}_presence"),
            path("<path:object_id>/presence/leave/", view(self.leave_view),
                 name=f"{name}_leave"),
            *super().get_urls(),
        ]  # fmt: skip

    def _review_to_edit(self, request: HttpRequest, object_id: str) -> Review:
        review = self.get_object(request, unquote(object_id))
        if review is None or not self.has_change_permission(request, review):
            raise Http404("No such review, or not one you may edit.")
        return review

    def _review_to_open(self, request: HttpRequest, object_id: str) -> Review:
        review = self.get_object(request, unquote(object_id))
        if review is None or not self.has_view_or_change_permission(request, review):
            raise Http404("No such review, or not one you may open.")
        return review

    # Autosave ------------------------------------------------------------------------------

    def autosave_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return require_POST(self._autosave)(request, object_id)

    def _autosave(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Keep what was typed, apart from the review; say whether a newer save exists."""
        review = self._review_to_edit(request, object_id)
        form = AutosaveForm(request.POST)
        if not form.is_valid():
            problems = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in form.errors.items())
            return JsonResponse({"error": f"Not kept: {problems}"}, status=400)
        data = form.cleaned_data
        draft, _ = ReviewDraft.objects.update_or_create(
            review=review,
            user=request.user,
            defaults={
                "base_version": data["loaded_version"],
                "headline": data["headline"],
                "dek": data["dek"],
                "body": sanitize_html(data["body"]),
                "saved_at": timezone.now(),
            },
        )
        return JsonResponse({
            "saved_at": zoned(draft.saved_at),
            "newer_save": review.version != draft.base_version,
        })  # fmt: skip

    def discard_draft_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return require_POST(self._discard_draft)(request, object_id)

    def _discard_draft(self, request: HttpRequest, object_id: str) -> HttpResponse:
        review = self._review_to_edit(request, object_id)
        ReviewDraft.objects.filter(review=review, user=request.user).delete()
        messages.info(request, "Your unsaved draft was discarded; the saved review is shown.")
        return HttpResponseRedirect(reverse("admin:reviews_review_change", args=[review.pk]))

    # Presence ------------------------------------------------------------------------------

    def presence_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return require_POST(self._presence)(request, object_id)

    def _presence(self, request: HttpRequest, object_id: str) -> HttpResponse:
        review = self._review_to_open(request, object_id)
        record_presence(review, request.user)
        return JsonResponse({"others": presence_notice(others_present(review, request.user))})

    def leave_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return require_POST(self._leave)(request, object_id)

    def _leave(self, request: HttpRequest, object_id: str) -> HttpResponse:
        review = self._review_to_open(request, object_id)
        ReviewPresence.objects.filter(review=review, user=request.user).delete()
        return HttpResponse(status=204)

    # The change form -----------------------------------------------------------------------

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        review = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if review is not None and self.has_view_or_change_permission(request, review):
            context["desk"] = desk = self.desk_context(request, review)
            if desk.get("restoring") and request.method == "GET":
                request._restore_draft = desk["draft"]
        return super().change_view(request, object_id, form_url, context)

    def get_object(self, request: HttpRequest, object_id: str, from_field=None):
        """The review; with its unsaved draft's text in it when the user chose to restore."""
        review = super().get_object(request, object_id, from_field)
        draft = getattr(request, "_restore_draft", None)
        if review is not None and draft is not None and draft.review_id == review.pk:
            review.headline, review.dek, review.body = draft.headline, draft.dek, draft.body
        return review

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        draft = getattr(request, "_restore_draft", None)
        # The restored text goes back with the version it was typed on: a save made since
        # is met by the edit conflict check.
        form.restored_from_version = draft.base_version if draft is not None else None
        return form

    def save_model(self, request: HttpRequest, obj: Review, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Saved: the kept draft has done its work.
        ReviewDraft.objects.filter(review=obj, user=request.user).delete()

    def desk_context(self, request: HttpRequest, review: Review) -> dict:
        """The notices the change form shows before anything is typed."""
        others = others_present(review, request.user)
        record_presence(review, request.user)
        context = {
            "present": presence_notice(others),
            "presence_url": reverse("admin:reviews_review_presence", args=[review.pk]),
            "leave_url": reverse("admin:reviews_review_leave", args=[review.pk]),
        }
        if self.has_change_permission(request, review):
            draft = offered_draft(review, request.user)
            context |= {
                "autosave_url": reverse("admin:reviews_review_autosave", args=[review.pk]),
                "discard_url": reverse("admin:reviews_review_discard_draft", args=[review.pk]),
                "draft": draft,
                "draft_saved_at": zoned(draft.saved_at) if draft else "",
                "draft_is_behind": draft is not None and draft.base_version != review.version,
                "restoring": draft is not None and request.GET.get("draft") == "restore",
            }
        return context
