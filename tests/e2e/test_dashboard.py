"""The admin's home as each role finds it in Chromium: the dashboard's panels, their counts,
and the way from a panel to the review."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.editorial import workflow
from reviews.models import ReviewStatus, Transition
from tests import factories
from tests.e2e.test_admin_flows import log_in, sign_in
from tests.helpers import review_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _queued(headline: str, hours_ago: int, **kwargs):
    review = review_in(ReviewStatus.IN_REVIEW, headline=headline, **kwargs)
    at = timezone.now() - datetime.timedelta(hours=hours_ago)
    Transition.objects.create(review=review, from_status="draft", to_status="in_review", at=at)
    return review


def _clean(page) -> None:
    assert page.errors == []
    assert page.outside_requests == []


def test_the_editor_opens_the_oldest_review_waiting_from_the_dashboard(page, live_server, editor):
    _queued("Waited an hour", 1)
    oldest = _queued("Waited two days", 48)
    factories.ReviewFactory(headline="Out on Friday", status=ReviewStatus.SCHEDULED,
                            published_at=timezone.now() + datetime.timedelta(days=2))  # fmt: skip
    soon = timezone.localdate() + datetime.timedelta(days=5)
    factories.PhotoFactory(caption="Rights end soon.", usage_expires=soon)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, editor)

    page.goto("/admin/")

    waiting = page.get_by_role("region", name="Waiting for an editor")
    expect(waiting.locator(".dashboard-count")).to_have_text("2")
    expect(waiting.get_by_role("link").first).to_have_text("Waited two days")
    scheduled = page.get_by_role("region", name="Scheduled this week")
    expect(scheduled).to_contain_text("Out on Friday")
    expect(page.get_by_role("region", name="Stills whose rights expire")).to_contain_text(
        "Rights end soon."
    )
    # The panels sit side by side at 1,366 px, with nothing scrolled off to the side.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    boxes = [page.locator(f"#panel-{key}").bounding_box() for key in ("waiting", "scheduled")]
    assert boxes[0]["y"] == boxes[1]["y"]

    waiting.get_by_role("link", name="Waited two days").click()
    page.wait_for_url(f"**/admin/reviews/review/{oldest.pk}/change/")
    _clean(page)


def test_the_critic_finds_what_was_sent_back_with_the_editor_s_message(
    page, live_server, critic_user, editor
):
    review = review_in(ReviewStatus.IN_REVIEW, headline="My musical review",
                       critic=critic_user.critic)  # fmt: skip
    workflow.apply_action(review, "send_back", editor, message="Tighten the ending, please.")
    review_in(ReviewStatus.DRAFT, headline="A fresh draft", critic=critic_user.critic)
    review_in(ReviewStatus.DRAFT, headline="Not mine")

    log_in(page, "critic")

    back = page.get_by_role("region", name="Sent back to me")
    expect(back.locator(".dashboard-count")).to_have_text("1")
    expect(back).to_contain_text("My musical review")
    expect(back).to_contain_text("Tighten the ending, please.")
    drafts = page.get_by_role("region", name="My drafts")
    expect(drafts).to_contain_text("A fresh draft")
    expect(page.locator(".desk-dashboard")).not_to_contain_text("Not mine")
    expect(page.get_by_role("region", name="Stills whose rights expire")).to_have_count(0)
    _clean(page)
