"""Bulk workflow moves in the review list, for Editors: publish, unpublish, schedule (with a
time) and send back (with a message).

Each review is moved on its own, through the workflow's own rules
(``reviews.editorial.workflow.apply_action``) and in its own transaction and revision, so a
move refused for one review (its state, an embargo, a time in the past) is reported by name
and the others go on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from reviews.editorial import workflow
from reviews.models import Review
from reviews.transactions import write_transaction

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


class BulkMoveForm(forms.Form):
    """The intermediate page's form: a publication time for a schedule, a message."""

    when = forms.DateTimeField(
        required=False,
        label="Publication time",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    message = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Sent with the move to each review's critic and kept in its history.",
    )

    def __init__(self, *args, needs_when: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["when"].required = needs_when
        if not needs_when:
            del self.fields["when"]


@dataclass
class BulkOutcome:
    """What a bulk move did: the reviews moved, and each refused one with the reason."""

    moved: list[Review] = field(default_factory=list)
    refused: list[tuple[Review, str]] = field(default_factory=list)


def move_each(
    reviews: QuerySet[Review],
    action_name: str,
    user: User,
    *,
    message: str = "",
    when: datetime.datetime | None = None,
) -> BulkOutcome:
    """Move every review by ``action_name`` for ``user``, each alone: one refused move does
    not hold back the others."""
    outcome = BulkOutcome()
    label = workflow.ACTIONS[action_name].label
    for review in reviews.select_related("critic").order_by("pk"):
        try:
            # The write lock before reversion's transaction begins, so SQLite waits for it.
            with write_transaction(), reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(f"{label} (bulk). {message}".strip())
                workflow.apply_action(review, action_name, user, message=message, when=when)
        except (workflow.WorkflowError, PermissionDenied) as error:
            reasons = getattr(error, "messages", None) or [str(error)]
            outcome.refused.append((review, " ".join(reasons)))
        else:
            outcome.moved.append(review)
    return outcome


def report(request: HttpRequest, action_name: str, outcome: BulkOutcome) -> None:
    """One message for the reviews moved, one error naming each refused review and why."""
    label = workflow.ACTIONS[action_name].label
    if outcome.moved:
        names = ", ".join(f"“{review.headline}”" for review in outcome.moved)
        count = len(outcome.moved)
        reviews = "review" if count == 1 else "reviews"
        messages.success(request, f"{label}: {count} {reviews} moved ({names}).")
    for review, reason in outcome.refused:
        messages.error(request, f"{label}: “{review.headline}” was not moved. {reason}")


class BulkWorkflowActionsMixin:
    """The review list's bulk moves; offered only to those who may publish."""

    actions = ["publish_selected", "schedule_selected", "unpublish_selected", "send_back_selected"]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return workflow.is_editor(request.user)

    def _bulk(
        self, request: HttpRequest, queryset: QuerySet[Review], action_name: str, **kw
    ) -> None:
        report(request, action_name, move_each(queryset, action_name, request.user, **kw))

    def _bulk_with_form(
        self, request: HttpRequest, queryset: QuerySet[Review], action_name: str, title: str
    ) -> TemplateResponse | None:
        """An intermediate page asking for the time or the message, then the moves."""
        needs_when = action_name == "schedule"
        form = BulkMoveForm(
            request.POST if "apply" in request.POST else None, needs_when=needs_when
        )
        if form.is_bound and form.is_valid():
            self._bulk(request, queryset, action_name, **form.cleaned_data)
            return None
        reviews = list(queryset.select_related("film", "critic").order_by("pk"))
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "reviews": reviews,
            "action_name": request.POST.get("action", ""),
            "action_label": workflow.ACTIONS[action_name].label,
            "checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/reviews/review/bulk_move.html", context)

    @admin.action(description="Publish the selected reviews now", permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        self._bulk(request, queryset, "publish")

    @admin.action(description="Schedule the selected reviews…", permissions=["publish"])
    def schedule_selected(
        self, request: HttpRequest, queryset: QuerySet[Review]
    ) -> TemplateResponse | None:
        return self._bulk_with_form(request, queryset, "schedule", "Schedule reviews")

    @admin.action(description="Unpublish the selected reviews", permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        self._bulk(request, queryset, "unpublish")

    @admin.action(description="Send the selected reviews back to draft…", permissions=["publish"])
    def send_back_selected(
        self, request: HttpRequest, queryset: QuerySet[Review]
    ) -> TemplateResponse | None:
        return self._bulk_with_form(request, queryset, "send_back", "Send reviews back to draft")
