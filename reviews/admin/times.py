"""Times as the admin shows them: always with their zone, in the staff member's own."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format

#: A date and time with the zone's abbreviation, e.g. "Dec. 5, 2026, 9 a.m. EST".
ZONED_DATETIME = "N j, Y, P T"


def zone_label(when: datetime.datetime | None = None) -> str:
    """The active zone, named and abbreviated, e.g. "America/New_York (EST)"."""
    zone = timezone.get_current_timezone()
    moment = timezone.localtime(when or timezone.now(), zone)
    abbreviation = moment.tzname() or ""
    name = str(zone)
    return name if abbreviation in ("", name) else f"{name} ({abbreviation})"


def zoned(when: datetime.datetime | None) -> str:
    """``when`` in the active zone with the zone's abbreviation; "—" for none."""
    if when is None:
        return "—"
    return date_format(timezone.localtime(when), ZONED_DATETIME)
