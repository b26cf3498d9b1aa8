"""The admin's home: the desk's day at a glance, per role.

Critics see their own work: drafts, what an Editor sent back (with the message), what waits
for an Editor, what is scheduled this week and what was published recently. Editors see the
queue of every review waiting for an Editor (oldest first), everything scheduled this week,
everything published recently and the stills whose rights run out soon; the photo desk sees
the stills. Each panel has the count of all it holds and shows its first few; two queries a
panel, however many reviews there are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import workflow
from reviews.models import Photo, Review, ReviewStatus, Transition
from reviews.models.photos import EXPIRING_SOON_DAYS

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

#: How many items a panel shows (the count says how many there are).
PANEL_SIZE = 8
#: "Recently published": within these days.
RECENT_DAYS = 7
#: "Scheduled this week": within the next seven days.
WEEK = datetime.timedelta(days=7)


@dataclass
class Panel:
    """One panel of the dashboard: a title, a count, its first items and where the rest are."""

    key: str
    title: str
    count: int
    items: list = field(default_factory=list)
    empty: str = "Nothing here."
    more_url: str = ""
    kind: str = "review"


def _last_move(field_name: str) -> Subquery:
    """A field of the review's latest recorded move."""
    latest = Transition.objects.filter(review=OuterRef("pk")).order_by("-at", "-id")
    return Subquery(latest.values(field_name)[:1])


def _submitted_at() -> Subquery:
    """When the review was last submitted (its latest move into "in review")."""
    moves = Transition.objects.filter(review=OuterRef("pk"), to_status=ReviewStatus.IN_REVIEW)
    return Subquery(moves.order_by("-at", "-id").values("at")[:1])


def _changelist(**filters: str) -> str:
    url = reverse("admin:reviews_review_changelist")
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"{url}?{query}" if query else url


def _panel(key: str, title: str, queryset: QuerySet, **options) -> Panel:
    """The count of ``queryset`` and its first items: two queries."""
    return Panel(key, title, queryset.count(), list(queryset[:PANEL_SIZE]), **options)


def sent_back(reviews: QuerySet[Review], user: AbstractBaseUser) -> QuerySet[Review]:
    """Drafts whose latest move was an Editor's sending back (not the critic's withdrawal),
    with that move's message as ``sent_back_message``."""
    returned = reviews.filter(status=ReviewStatus.DRAFT).annotate(
        last_from=_last_move("from_status"),
        last_by=_last_move("by"),
        sent_back_message=_last_move("message"),
        sent_back_at=_last_move("at"),
    )
    back = Q(last_from__in=[ReviewStatus.IN_REVIEW, ReviewStatus.UNPUBLISHED])
    by_other = Q(last_by__isnull=True) | ~Q(last_by=user.pk)
    return returned.filter(back & by_other).order_by("-sent_back_at", "-pk")


def review_panels(user: AbstractBaseUser, *, editor: bool) -> list[Panel]:
    """The panels of reviews: a critic's own, and for an Editor the whole desk's."""
    now = timezone.now()
    reviews = Review.objects.select_related("film", "critic").defer("body")
    mine = reviews.filter(critic__user=user)
    desk = reviews if editor else mine
    panels = []
    if hasattr(user, "critic"):
        returned = sent_back(mine, user)
        drafts = mine.filter(status=ReviewStatus.DRAFT).exclude(pk__in=returned.values("pk"))
        panels += [
            _panel(
                "drafts",
                "My drafts",
                drafts.order_by("-updated_at", "-pk"),
                empty="No drafts.",
                more_url=_changelist(status="draft"),
            ),  # fmt: skip
            _panel("sent_back", "Sent back to me", returned, empty="Nothing sent back."),
        ]
    waiting = desk.filter(status=ReviewStatus.IN_REVIEW).annotate(submitted_at=_submitted_at())
    scheduled = desk.filter(status=ReviewStatus.SCHEDULED, published_at__range=(now, now + WEEK))
    recent = desk.published().filter(published_at__gte=now - datetime.timedelta(RECENT_DAYS))
    panels += [
        _panel("waiting", "Waiting for an editor", waiting.order_by("submitted_at", "pk"),
               empty="No review is waiting.", more_url=_changelist(status="in_review")),
        _panel("scheduled", "Scheduled this week", scheduled.order_by("published_at", "pk"),
               empty="Nothing is scheduled for the next seven days.",
               more_url=_changelist(status="scheduled")),
        _panel("published", "Recently published", recent.latest_first(),
               empty=f"Nothing published in the last {RECENT_DAYS} days.",
               more_url=_changelist(status="published")),
    ]  # fmt: skip
    return panels


def stills_panel() -> Panel:
    stills = Photo.objects.expiring_within(EXPIRING_SOON_DAYS).select_related("film")
    return _panel(
        "stills",
        f"Stills whose rights expire within {EXPIRING_SOON_DAYS} days",
        stills.order_by("usage_expires", "pk"),
        empty="No still's rights run out soon.",
        more_url=reverse("admin:reviews_photo_changelist") + "?rights=soon",
        kind="still",
    )


def dashboard_for(user: AbstractBaseUser) -> list[Panel]:
    """The panels ``user`` sees on the admin's home, by what their role may do."""
    panels: list[Panel] = []
    editor = workflow.is_editor(user)
    if editor or hasattr(user, "critic"):
        panels += review_panels(user, editor=editor)
    if user.has_perm("reviews.change_photo"):
        panels.append(stills_panel())
    return panels
