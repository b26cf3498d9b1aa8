"""The editorial workflow: which moves between review states each role may make, and the writes.

A review moves only through the actions below; the admin shows a button for each action the
user may take on a review and none for the others. Every move is recorded as a ``Transition``.

- A Critic submits their own draft for review and may withdraw it while it waits.
- An Editor (``publish_review``) may also send a review back, schedule, publish and unpublish.

Scheduling needs no job: a scheduled review whose time has come is in
``Review.objects.published()``.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.core import serializers, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reviews.models import DeletionRecord, PreviewLink, Review, ReviewStatus, SlugRedirect
from reviews.models.workflow import Transition

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

S = ReviewStatus


@dataclass(frozen=True)
class Action:
    """One move a user can make, shown as one button in the admin."""

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    #: "author": the review's own critic (who is not an Editor); "editor": whoever holds
    #: publish_review; "author_or_editor": either of them.
    who: Literal["author", "editor", "author_or_editor"]

    def __str__(self) -> str:
        return self.label


ACTIONS: dict[str, Action] = {
    action.name: action
    for action in [
        Action("submit", "Submit for review", (S.DRAFT,), S.IN_REVIEW, "author_or_editor"),
        Action("withdraw", "Withdraw to draft", (S.IN_REVIEW,), S.DRAFT, "author"),
        Action("send_back", "Send back to draft", (S.IN_REVIEW, S.UNPUBLISHED), S.DRAFT, "editor"),
        Action(
            "schedule",
            "Schedule",
            (S.DRAFT, S.IN_REVIEW, S.SCHEDULED, S.UNPUBLISHED),
            S.SCHEDULED,
            "editor",
        ),
        Action(
            "publish",
            "Publish now",
            (S.DRAFT, S.IN_REVIEW, S.SCHEDULED, S.UNPUBLISHED),
            S.PUBLISHED,
            "editor",
        ),
        Action("unschedule", "Unschedule", (S.SCHEDULED,), S.IN_REVIEW, "editor"),
        Action("unpublish", "Unpublish", (S.PUBLISHED,), S.UNPUBLISHED, "editor"),
    ]
}


#: How far ahead a review may be scheduled.
MAX_SCHEDULE_AHEAD = datetime.timedelta(days=5 * 365)


class WorkflowError(ValidationError):
    """A move that is not possible for this review or this user; the message says why."""


def is_editor(user: User) -> bool:
    return bool(user.is_authenticated and user.has_perm("reviews.publish_review"))


def is_author(user: User, review: Review) -> bool:
    return bool(
        user.is_authenticated
        and user.has_perm("reviews.change_review")
        and review.critic.user_id == user.pk
    )


def may(user: User, action: Action, review: Review) -> bool:
    """Whether ``user`` may take ``action`` on ``review`` in its current state."""
    if review.status not in action.sources or not user.is_authenticated or not user.is_staff:
        return False
    editor = is_editor(user)
    if action.who == "editor":
        return editor
    if action.who == "author":
        return is_author(user, review) and not editor
    return editor or is_author(user, review)


def available_actions(user: User, review: Review) -> list[Action]:
    """The buttons ``user`` sees on ``review``: exactly the moves they may make."""
    return [action for action in ACTIONS.values() if may(user, action, review)]


def apply_action(
    review: Review,
    action_name: str,
    user: User,
    *,
    message: str = "",
    when: datetime.datetime | None = None,
) -> Transition:
    """Move ``review`` by ``action_name`` for ``user`` and record the move.

    ``when`` is the publication time for "schedule" (required, in the future). Raises
    ``PermissionDenied`` when the user may not make the move and ``WorkflowError`` when the
    move makes no sense for this review (e.g. a schedule time in the past).
    """
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError(f"There is no workflow action called {action_name!r}.")
    with transaction.atomic():
        locked = Review.objects.select_for_update().select_related("critic").get(pk=review.pk)
        if locked.status not in action.sources:
            raise WorkflowError(
                f"“{action.label}” is not possible: the review is "
                f"{locked.get_status_display().lower()}."
            )
        if not may(user, action, locked):
            raise PermissionDenied(f"You may not “{action.label.lower()}” this review.")
        if len(message) > 500:
            raise WorkflowError("The message is limited to 500 characters.", code="message")
        now = timezone.now()
        if action.name == "schedule":
            if when is None:
                raise WorkflowError("Scheduling needs a publication time.", code="when")
            if when <= now:
                raise WorkflowError(
                    "The publication time must be in the future; use “Publish now” instead.",
                    code="when",
                )
            if when > now + MAX_SCHEDULE_AHEAD:
                # Also keeps the time inside what the database can store (year 9999 in New
                # York is year 10000 in UTC).
                raise WorkflowError(
                    "The publication time must be within five years from now.", code="when"
                )
            locked.published_at = when
        elif action.name == "publish":
            # A republished review keeps its first publication date; a new one gets now.
            if locked.published_at is None or locked.published_at > now:
                locked.published_at = now
        elif action.name == "unschedule":
            locked.published_at = None
        source = locked.status
        locked.status = action.target
        locked.save()
        review.status, review.published_at, review.version = (
            locked.status,
            locked.published_at,
            locked.version,
        )
        return Transition.objects.create(
            review=locked, from_status=source, to_status=action.target, by=user, message=message
        )


# Slugs -------------------------------------------------------------------------------------


def record_slug_change(review: Review, old_slug: str) -> None:
    """Keep ``old_slug`` leading to ``review`` (permanent redirect), after a slug change."""
    if not old_slug or old_slug == review.slug:
        return
    with transaction.atomic():
        # The review has taken back one of its old slugs: that address is live again. Another
        # review's old address is left alone: it keeps redirecting until this one is live.
        SlugRedirect.objects.filter(
            kind=SlugRedirect.Kind.REVIEW, old_slug=review.slug, target_id=review.pk
        ).delete()
        SlugRedirect.objects.update_or_create(
            kind=SlugRedirect.Kind.REVIEW, old_slug=old_slug, defaults={"target_id": review.pk}
        )


def published_review_for_old_slug(slug: str) -> Review | None:
    """The published review that used to live at ``slug``, if any."""
    target = SlugRedirect.objects.target_id(SlugRedirect.Kind.REVIEW, slug)
    if target is None:
        return None
    return Review.objects.published().filter(pk=target).only("slug").first()


# Deletion ----------------------------------------------------------------------------------


def may_delete(user: User, review: Review) -> bool:
    """Drafts need the delete permission; a review readers may have seen needs an Editor."""
    if not user.has_perm("reviews.delete_review"):
        return False
    if review.status in (S.PUBLISHED, S.SCHEDULED, S.UNPUBLISHED):
        return is_editor(user)
    return True


def snapshot(review: Review) -> dict:
    """The review, its placed stills, corrections and transitions, as JSON-ready data."""
    objects = [review, *review.placements.all(), *review.corrections.all()]
    objects += list(review.transitions.all())
    return {"objects": json.loads(serializers.serialize("json", objects))}


def delete_review(review: Review, user: User) -> DeletionRecord:
    """Delete ``review`` and leave a record with a snapshot of what it said."""
    if not may_delete(user, review):
        raise PermissionDenied("Only an Editor may delete a review that has been published.")
    with transaction.atomic():
        record = DeletionRecord.objects.create(
            review_id=review.pk,
            headline=review.headline,
            slug=review.slug,
            status=review.status,
            snapshot=snapshot(review),
            deleted_by=user if user.is_authenticated else None,
        )
        SlugRedirect.objects.filter(kind=SlugRedirect.Kind.REVIEW, target_id=review.pk).delete()
        review.delete()
    return record


# Preview links -----------------------------------------------------------------------------

PREVIEW_SALT = "reviews.preview-link"
PREVIEW_DAYS = (1, 3, 7, 14)


def create_preview_link(review: Review, user: User, days: int = 3) -> PreviewLink:
    if not user.has_perm("reviews.add_previewlink"):
        raise PermissionDenied("Only an Editor may share a preview link.")
    if days not in PREVIEW_DAYS:
        raise WorkflowError(
            f"A preview link lasts {', '.join(map(str, PREVIEW_DAYS))} days, not {days}.",
            code="days",
        )
    return PreviewLink.objects.create(
        review=review, created_by=user, expires_at=timezone.now() + datetime.timedelta(days=days)
    )


def revoke_preview_link(link: PreviewLink, user: User) -> None:
    if not user.has_perm("reviews.change_previewlink"):
        raise PermissionDenied("Only an Editor may revoke a preview link.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def preview_token(link: PreviewLink) -> str:
    """A signed token naming the link and its review; the row decides expiry and revocation."""
    return signing.Signer(salt=PREVIEW_SALT).sign_object({"l": link.pk, "r": link.review_id})


def active_link_for_token(token: str) -> PreviewLink | None:
    """The active preview link ``token`` names, or None if forged, expired or revoked."""
    try:
        data = signing.Signer(salt=PREVIEW_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    return PreviewLink.objects.active().filter(pk=data.get("l"), review_id=data.get("r")).first()
