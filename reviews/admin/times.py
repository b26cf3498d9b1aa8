"""Times as the admin shows them: always with their zone, in the staff member's own."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import FORMFIELD_FOR_DBFIELD_DEFAULTS
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

from reviews.models import StaffProfile
from reviews.models.desk import TIME_ZONE_CHOICES

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


#: Where the staff member's zone is remembered for the session ("" for the newsroom's).
SESSION_KEY = "staff_time_zone"


def staff_zone_name(request: HttpRequest) -> str:
    """The zone ``request.user`` chose, read once a session from their profile."""
    name = request.session.get(SESSION_KEY)
    if name is None:
        profile = StaffProfile.objects.filter(user=request.user).first()
        name = profile.time_zone if profile else ""
        request.session[SESSION_KEY] = name
    return name


def zone_at_login(sender: type, request: HttpRequest | None, user, **kwargs) -> None:
    """``user_logged_in``: read the staff member's zone once, into the new session."""
    if request is not None and user.is_staff and hasattr(request, "session"):
        profile = StaffProfile.objects.filter(user=user).first()
        request.session[SESSION_KEY] = profile.time_zone if profile else ""


def remember_staff_zone(request: HttpRequest, name: str) -> None:
    """Keep ``name`` ("" for the newsroom's zone) as the user's zone, and use it now."""
    if name:
        StaffProfile.objects.update_or_create(user=request.user, defaults={"time_zone": name})
    else:
        StaffProfile.objects.filter(user=request.user).delete()
    request.session[SESSION_KEY] = name
    activate_zone(name)


def activate_zone(name: str) -> None:
    """Use the zone called ``name`` now; the newsroom's for "" or a zone no longer known."""
    if not name:
        timezone.deactivate()
        return
    try:
        timezone.activate(zoneinfo.ZoneInfo(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()  # a zone the system no longer knows: the newsroom's


class StaffTimeZoneMiddleware:
    """In the admin and on the photo desk, times are shown and read in the staff member's
    own zone (their profile's), the newsroom's ``TIME_ZONE`` otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = (f"/{settings.ADMIN_URL}", "/desk/", "/preview/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        staff = user is not None and user.is_authenticated and user.is_staff
        if not (staff and request.path.startswith(self.prefixes)):
            return self.get_response(request)
        activate_zone(staff_zone_name(request))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class ZonedSplitDateTime(AdminSplitDateTime):
    """The admin's date and time inputs, followed by the zone they are read in."""

    def render(self, name: str, value, attrs: dict | None = None, renderer=None) -> str:
        html = super().render(name, value, attrs, renderer)
        return format_html('{}<p class="timezone help">Time in {}</p>', html, zone_label())


def show_zone_on_every_datetime_field() -> None:
    """Every model date-time field in every admin form gets ``ZonedSplitDateTime``."""
    FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField] = {
        **FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField],
        "widget": ZonedSplitDateTime,
    }


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        required=False,
        help_text="Times in the admin and on the photo desk are shown, and typed, in this zone.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        newsroom = f"The newsroom’s: {settings.TIME_ZONE.replace('_', ' ')}"
        self.fields["time_zone"].choices = [("", newsroom), *TIME_ZONE_CHOICES]


def time_zone_view(request: HttpRequest) -> HttpResponse:
    """The staff member chooses the zone the admin shows them times in."""
    form = TimeZoneForm(request.POST or None, initial={"time_zone": staff_zone_name(request)})
    if request.method == "POST" and form.is_valid():
        remember_staff_zone(request, form.cleaned_data["time_zone"])
        messages.success(
            request, f"Times are now shown in {zone_label()}: it is {zoned(timezone.now())}."
        )
        return HttpResponseRedirect(reverse("staff-time-zone"))
    context = {
        **admin.site.each_context(request),
        "title": "Your time zone",
        "form": form,
        "now": zoned(timezone.now()),
        "zone": zone_label(),
    }
    return TemplateResponse(request, "admin/time_zone.html", context)
