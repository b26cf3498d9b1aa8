"""The embargo as the desk's lists show it: a column and a filter, for reviews and stills."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format

from reviews.models import Photo, Review


def embargo_label(obj: Review | Photo) -> str:
    """An embargo in a desk list: "until 5 Dec 2026, 09:00 EST", "ended", or a dash."""
    if obj.embargo_until is None:
        return "—"
    if obj.embargo_until <= timezone.now():
        return "ended"
    return f"until {date_format(timezone.localtime(obj.embargo_until), 'j M Y, H:i T')}"


class EmbargoFilter(admin.SimpleListFilter):
    title = "embargo"
    parameter_name = "embargo"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("yes", "Under embargo"), ("no", "Not under embargo")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.under_embargo()
        if self.value() == "no":
            return queryset.exclude(embargo_until__gt=timezone.now())
        return queryset
