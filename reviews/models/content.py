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

from django.db import connection, models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

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
    time alone (a publication, a correction's date, an embargo's end, a still's rights), in
    one query, read once per request: what every cached thing is keyed by."""
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


#: The state in one statement, written out once: it runs on every request, where building
#: the equivalent ORM query cost more than the query itself. Each lookup uses an index
#: (live reviews by publication time; corrections by date; reviews and stills by embargo;
#: stills by rights expiry).
STATE_SQL = """
SELECT v.number,
    (SELECT MIN(r.published_at) FROM reviews_review r
     WHERE r.status IN (%s, %s) AND r.published_at > %s),
    (SELECT MIN(c.published_at) FROM reviews_correction c WHERE c.published_at > %s),
    (SELECT MIN(e.embargo_until) FROM reviews_review e WHERE e.embargo_until > %s),
    (SELECT MIN(s.embargo_until) FROM reviews_photo s WHERE s.embargo_until > %s),
    (SELECT MIN(p.usage_expires) FROM reviews_photo p WHERE p.usage_expires >= %s)
FROM reviews_contentversion v WHERE v.id = 1
"""


def _read_state(now: datetime.datetime) -> tuple[int, int]:
    from reviews.models.reviews import LIVE_STATUSES

    ops = connection.ops
    at = ops.adapt_datetimefield_value(now)
    params = [
        *(str(status) for status in LIVE_STATUSES),
        at,
        at,
        at,
        at,
        ops.adapt_datefield_value(timezone.localdate(now)),
    ]
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL, params)
        row = cursor.fetchone()
    number, *times, expiring = row or (0, None, None, None, None, None)
    moment = _earliest([_as_datetime(t) for t in times], _as_date(expiring))
    return number, int(moment.timestamp()) if moment else 0


def _as_datetime(value) -> datetime.datetime | None:
    """A time as the database hands it back (SQLite: text in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _as_date(value) -> datetime.date | None:
    return parse_date(value) if isinstance(value, str) else value


def _earliest(times: list[datetime.datetime | None], expiring: datetime.date | None):
    """The soonest of the times to come (a scheduled publication, a correction's date, an
    embargo's end) and the midnight after a still's last day."""
    moments = [t for t in times if t is not None]
    if expiring:
        day_after = expiring + datetime.timedelta(days=1)
        midnight = datetime.datetime.combine(day_after, datetime.time())
        moments.append(timezone.make_aware(midnight))
    return min(moments) if moments else None
