"""Every date and time in the admin says its zone; a staff member chooses theirs, and types
and reads times in it; the schedule's confirmation says when, with the zone."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from reviews.admin.times import zoned
from reviews.models import PreviewLink, Review, StaffProfile
from tests import factories
from tests.helpers import admin_url, review_in

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
ZONE_URL = reverse("staff-time-zone")


def told(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def published(editor):
    review = review_in("published")
    Review.objects.filter(pk=review.pk).update(
        published_at=datetime.datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    )
    return Review.objects.get(pk=review.pk)


def field_html(page: str, name: str) -> str:
    """The read-only value of one field on a change form."""
    row = page[page.index(f"field-{name}") :]
    return row[row.index('class="readonly"') :].split("</div>", 1)[0]


def test_times_carry_the_newsrooms_zone_by_default(client, editor, published):
    client.force_login(editor)
    page = client.get(admin_url(Review, "change", published)).content.decode()
    assert "Dec. 1, 2026, 10 a.m. EST" in field_html(page, "published_at")
    listing = client.get(admin_url(Review, "changelist")).content.decode()
    assert "Dec. 1, 2026, 10 a.m. EST" in listing
    # An editable date and time says the zone it is read in (the corrections' inline).
    assert "Time in America/New_York (EST)" in page
    assert "Time zone: EST" in page  # the user tools


def test_a_staff_member_chooses_their_zone_and_sees_times_in_it(client, editor, published):
    client.force_login(editor)
    response = client.post(ZONE_URL, {"time_zone": "Europe/Berlin"}, follow=True)
    assert StaffProfile.objects.get(user=editor).time_zone == "Europe/Berlin"
    assert "Times are now shown in Europe/Berlin (CET)" in told(response)[0]
    page = client.get(admin_url(Review, "change", published)).content.decode()
    assert "Dec. 1, 2026, 4 p.m. CET" in field_html(page, "published_at")
    assert "Time in Europe/Berlin (CET)" in page
    # The choice outlives the session: read again at the next login.
    client.logout()
    client.force_login(editor)
    page = client.get(admin_url(Review, "change", published)).content.decode()
    assert "Dec. 1, 2026, 4 p.m. CET" in page
    client.post(ZONE_URL, {"time_zone": ""})
    assert not StaffProfile.objects.exists()


def test_an_unknown_zone_is_a_clear_error(client, editor):
    client.force_login(editor)
    response = client.post(ZONE_URL, {"time_zone": "Mars/Olympus_Mons"})
    assert response.status_code == 200
    assert "Select a valid choice. Mars/Olympus_Mons is not one of" in response.content.decode()
    assert not StaffProfile.objects.exists()


def test_the_schedule_is_typed_in_ones_zone_and_confirmed_with_it(client, editor):
    StaffProfile.objects.create(user=editor, time_zone="Europe/Berlin")
    review = review_in("in_review")
    client.force_login(editor)
    page = client.get(admin_url(Review, "change", review)).content.decode()
    assert "Publication time in Europe/Berlin (CET)" in page
    url = reverse("admin:reviews_review_workflow", args=[review.pk, "schedule"])
    response = client.post(url, {"when": "2027-01-05T09:00", "message": ""})
    review.refresh_from_db()
    assert review.published_at == datetime.datetime(2027, 1, 5, 8, 0, tzinfo=UTC)
    assert told(response) == ["Schedule: the review is now scheduled for Jan. 5, 2027, 9 a.m. CET."]


def test_a_time_that_does_not_exist_in_the_zone_is_a_message_not_a_500(client, editor):
    review = review_in("in_review")
    client.force_login(editor)
    url = reverse("admin:reviews_review_workflow", args=[review.pk, "schedule"])
    # Clocks in New York jump from 2:00 to 3:00 on March 14, 2027.
    response = client.post(url, {"when": "2027-03-14T02:30", "message": ""})
    assert response.status_code == 302
    assert "couldn’t be interpreted in time zone America/New_York" in " ".join(told(response))
    review.refresh_from_db()
    assert review.status == "in_review"


def test_the_preview_link_message_and_list_agree_and_say_the_zone(client, editor):
    review = factories.ReviewFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:reviews_review_share", args=[review.pk]), {"days": "3"}, follow=True
    )
    page = response.content.decode()
    shown = zoned(PreviewLink.objects.get().expires_at)
    assert shown.endswith(("EST", "EDT"))
    assert f"valid until {shown}" in page  # the message
    assert f"until {shown}" in page[page.index('class="preview-links"') :]  # the list
