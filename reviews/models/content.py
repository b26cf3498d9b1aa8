"""The content version: a number the database raises on every change readers could see.

Triggers on the tables behind the public pages (reviews, films, people, credits, stills,
renditions, placements, corrections, genres, critics) raise it in the same transaction as
the change, whatever wrote it: the admin, the desk, an import's ``bulk_create``, a data
migration or a hand-run SQL statement. The page cache keys its pages by this number, so a
cached page can never outlive the content it was made from. See
``reviews/migrations/0006_content_version.py`` for the triggers.
"""

from __future__ import annotations

import datetime

from django.db import connection, models
from django.utils import timezone

#: The tables whose rows appear on public pages; a write to any of them raises the version.
WATCHED_TABLES = [
    "reviews_review",
    "reviews_film",
    "reviews_film_genres",
    "reviews_genre",
    "reviews_person",
    "reviews_credit",
    "reviews_critic",
    "reviews_photo",
    "reviews_rendition",
    "reviews_reviewstill",
    "reviews_correction",
]


class ContentVersion(models.Model):
    """The single row holding the content version (id 1)."""

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "content version"

    def __str__(self) -> str:
        return f"content version {self.number}"

    @classmethod
    def current(cls) -> int:
        """The version now: one indexed read of one row."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number FROM {cls._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else 0


def next_change_by_time(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """When the public pages next change with no write at all: a scheduled review's time
    comes, or a still's rights run out (it is hidden from the day after ``usage_expires``).
    """
    from reviews.models.photos import Photo
    from reviews.models.reviews import LIVE_STATUSES, Review

    now = now or timezone.now()
    due = (
        Review.objects.filter(status__in=LIVE_STATUSES, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    today = timezone.localdate(now)
    expiring = (
        Photo.objects.filter(usage_expires__gte=today)
        .order_by("usage_expires")
        .values_list("usage_expires", flat=True)
        .first()
    )
    moments = [due] if due else []
    if expiring:
        day_after = expiring + datetime.timedelta(days=1)
        midnight = datetime.datetime.combine(day_after, datetime.time())
        moments.append(timezone.make_aware(midnight))
    return min(moments) if moments else None
