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
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
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
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0


#: Inside a request (the page cache middleware opens the scope): the state read for it.
_request_state: ContextVar[dict | None] = ContextVar("content_state", default=None)


def content_state() -> tuple[int, int]:
    """The content version and the next moment (Unix time, 0 for none) the pages change by
    time alone, in one query, read once per request: what every cached thing is keyed by."""
    scope = _request_state.get()
    if scope is None:
        return _read_state(timezone.now())
    if "state" not in scope:
        scope["state"] = _read_state(timezone.now())
    return scope["state"]


@contextmanager
def request_scope() -> Iterator[None]:
    """The content state is read afresh for each request and kept for its duration."""
    token = _request_state.set({})
    try:
        yield
    finally:
        _request_state.reset(token)


def _read_state(now: datetime.datetime) -> tuple[int, int]:
    from reviews.models.photos import Photo
    from reviews.models.reviews import LIVE_STATUSES, Review

    due = (
        Review.objects.filter(status__in=LIVE_STATUSES, published_at__gt=now)
        .order_by("published_at")
        .values("published_at")[:1]
    )
    expiring = (
        Photo.objects.filter(usage_expires__gte=timezone.localdate(now))
        .order_by("usage_expires")
        .values("usage_expires")[:1]
    )
    row = (
        ContentVersion.objects.filter(pk=1)
        .annotate(due=models.Subquery(due), expiring=models.Subquery(expiring))
        .values_list("number", "due", "expiring")
        .first()
    )
    number, due, expiring = row or (0, None, None)
    moment = _earliest(due, expiring)
    return number, int(moment.timestamp()) if moment else 0


def _earliest(due: datetime.datetime | None, expiring: datetime.date | None):
    """The sooner of a publication time and the midnight after a still's last day."""
    moments = [due] if due else []
    if expiring:
        day_after = expiring + datetime.timedelta(days=1)
        midnight = datetime.datetime.combine(day_after, datetime.time())
        moments.append(timezone.make_aware(midnight))
    return min(moments) if moments else None
