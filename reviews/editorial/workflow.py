"""The editorial workflow: which moves between review states each role may make, and the writes.

A review moves only through the actions below; the admin shows a button for each action the
user may take on a review and none for the others. Every move is recorded as a ``Transition``.

- A Critic submits their own draft for review and may withdraw it while it waits.
- An Editor (``publish_review``) may also send a review back, schedule, publish and unpublish.

Scheduling needs no job: a scheduled review whose time has come is in
``Review.objects.published()``. An embargo is a constraint, not a move: before its end a
review can be neither published nor scheduled (and the database refuses a live review dated
before it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from reviews.editorial import notifications
from reviews.models import Review, ReviewStatus
from reviews.models.workflow import Transition
from reviews.transactions import write_transaction

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


#: The moves that put a review before an editor or readers: it must be complete for them.
#: A draft is saved however incomplete.
NEEDS_COMPLETE = frozenset({"submit", "schedule", "publish"})

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


def publication_problems(review: Review) -> list[str]:
    """What ``review`` lacks for publication, each as the desk would say it (empty: none)."""
    film = review.film
    missing = []
    if review.listing_photo is None:
        missing.append("a lead still (the review's or the film's, with rights that allow it)")
    if review.rating is None and not review.not_rated:
        missing.append("a star rating, or “Not rated” ticked")
    if film.running_time is None:
        missing.append(f"the running time of {film}")
    if not film.mpaa_rating:
        missing.append(f"the MPAA rating of {film}")
    return missing


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
    move makes no sense for this review (e.g. a schedule time in the past). The move's
    notice, if it has one, is e-mailed once the transaction commits.
    """
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError(f"There is no workflow action called {action_name!r}.")
    with write_transaction():
        # Judged on the locked row, so two editors pressing at once cannot both move it.
        locked = (
            Review.objects.select_for_update(of=("self",))
            .select_related("critic", "film", "lead_still", "film__lead_still")
            .get(pk=review.pk)
        )
        _check_move(locked, action, user, message)
        now = timezone.now()
        _check_embargo(locked, action, when, now=now)
        _move_publication_time(locked, action, when, now=now)
        source = locked.status
        locked.status = action.target
        locked.save()
        review.status, review.published_at, review.version = (
            locked.status,
            locked.published_at,
            locked.version,
        )
        transition = Transition.objects.create(
            review=locked, from_status=source, to_status=action.target, by=user, message=message
        )
        notifications.notify_on_commit(transition, action.name)
        return transition


def _check_move(review: Review, action: Action, user: User, message: str) -> None:
    """Refuse a move the review's state, the user or the message does not allow."""
    if review.status not in action.sources:
        raise WorkflowError(
            f"“{action.label}” is not possible: the review is "
            f"{review.get_status_display().lower()}."
        )
    if not may(user, action, review):
        raise PermissionDenied(f"You may not “{action.label.lower()}” this review.")
    if len(message) > 500:
        raise WorkflowError("The message is limited to 500 characters.", code="message")
    missing = publication_problems(review) if action.name in NEEDS_COMPLETE else []
    if missing:
        raise WorkflowError(
            f"“{action.label}” needs what is still missing: {'; '.join(missing)}.",
            code="incomplete",
        )


def embargo_text(review: Review) -> str:
    """The embargo as the desk reads it: "until 5 December 2026, 09:00 EST (the terms)"."""
    until = timezone.localtime(review.embargo_until)
    text = f"under embargo until {date_format(until, 'j F Y, H:i T')}"
    return f"{text} ({review.embargo_note})" if review.embargo_note else text


def _check_embargo(
    review: Review, action: Action, when: datetime.datetime | None, *, now: datetime.datetime
) -> None:
    """Refuse a publication the embargo forbids: now, or a schedule before its end."""
    if review.embargo_until is None:
        return
    if action.name == "publish" and review.embargo_until > now:
        raise WorkflowError(
            f"“{action.label}” is not possible: the review is {embargo_text(review)}. "
            "Schedule it for then or later instead.",
            code="embargo",
        )
    if action.name == "schedule" and when is not None and when < review.embargo_until:
        raise WorkflowError(
            f"The publication time is before the embargo: the review is {embargo_text(review)}. "
            "Choose that time or a later one.",
            code="when",
        )


def _move_publication_time(
    review: Review, action: Action, when: datetime.datetime | None, *, now: datetime.datetime
) -> None:
    """Set the publication time the move implies; the other moves leave it alone."""
    if action.name == "schedule":
        review.published_at = _schedule_time(when, now=now)
    elif action.name == "publish":
        # A republished review keeps its first publication date; a new one gets now, and so
        # does one first dated before an embargo set since (a live review follows it).
        embargo = review.embargo_until
        if (
            review.published_at is None
            or review.published_at > now
            or (embargo is not None and review.published_at < embargo)
        ):
            review.published_at = now
    elif action.name == "unschedule":
        review.published_at = None


def _schedule_time(when: datetime.datetime | None, *, now: datetime.datetime) -> datetime.datetime:
    """``when``, once it is known to be in the future and not too far in it."""
    if when is None:
        raise WorkflowError("Scheduling needs a publication time.", code="when")
    if when <= now:
        raise WorkflowError(
            "The publication time must be in the future; use “Publish now” instead.",
            code="when",
        )
    if when > now + MAX_SCHEDULE_AHEAD:
        # Also keeps the time inside what the database can store (year 9999 in New York is
        # year 10000 in UTC).
        raise WorkflowError("The publication time must be within five years from now.", code="when")
    return when
