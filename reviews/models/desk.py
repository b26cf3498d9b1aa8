"""The desk's own records around a review: drafts kept while typing, who has a review open,
and each staff member's time zone."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone

#: Every zone a staff member may choose, by its IANA name (America/New_York).
TIME_ZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(
    zoneinfo.available_timezones() - {"Factory", "localtime"}
)]  # fmt: skip


class ReviewDraft(models.Model):
    """What one person typed in a review's form and has not saved: kept apart from the
    review, private to them, offered back when they open the review again.

    ``base_version`` is the review's version the text was typed on: restored, it goes back
    into the form with that version, so a save made meanwhile is met by the edit conflict
    check rather than overwritten.
    """

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    base_version = models.PositiveIntegerField()
    headline = models.CharField(max_length=200, blank=True)
    dek = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="review_draft_one_per_user")
        ]

    def __str__(self) -> str:
        return f"Unsaved draft of {self.review_id} by {self.user_id} at {self.saved_at:%H:%M}"


class ReviewPresence(models.Model):
    """Someone has a review's form open: since when, and when their page last said so."""

    #: A page that has not said so for this long is taken as closed.
    EXPIRES_AFTER = datetime.timedelta(seconds=45)

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="review_presence_one_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on review {self.review_id} since {self.since:%H:%M}"

    @property
    def is_current(self) -> bool:
        return self.seen_at > timezone.now() - self.EXPIRES_AFTER


class StaffProfile(models.Model):
    """A staff member's own settings: the time zone the admin shows them times in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    # The zones are the system's (zoneinfo), so they are checked by the form, not frozen
    # into a migration as choices.
    time_zone = models.CharField(
        max_length=64,
        help_text="Times in the admin are shown, and typed, in this zone.",
    )

    def __str__(self) -> str:
        return f"{self.user}: {self.time_zone}"
