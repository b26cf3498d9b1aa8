"""The admin's home is the desk's dashboard, per role, with counts and a fixed query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import workflow
from reviews.models import Review, ReviewStatus, Transition
from tests import factories
from tests.helpers import review_in

pytestmark = pytest.mark.django_db

HOME = reverse("admin:index")


def panels(response) -> dict:
    return {panel.key: panel for panel in response.context["dashboard"]}


def headlines(panel) -> list[str]:
    return [item.headline for item in panel.items]


def _submitted(headline: str, at: datetime.datetime, **kwargs) -> Review:
    review = review_in(ReviewStatus.IN_REVIEW, headline=headline, **kwargs)
    Transition.objects.create(review=review, from_status="draft", to_status="in_review", at=at)
    return review


@pytest.fixture
def desk(critic_user):
    """A day's worth of reviews, by our critic and by another."""
    now = timezone.now()
    mine = critic_user.critic
    _submitted("Newer in queue", now - datetime.timedelta(hours=1), critic=mine)
    _submitted("Oldest in queue", now - datetime.timedelta(days=3))
    review_in(ReviewStatus.DRAFT, headline="My draft", critic=mine)
    review_in(ReviewStatus.DRAFT, headline="Someone else's draft")
    factories.ReviewFactory(headline="Friday's", status=ReviewStatus.SCHEDULED,
                            published_at=now + datetime.timedelta(days=2))  # fmt: skip
    factories.ReviewFactory(headline="Next month's", status=ReviewStatus.SCHEDULED,
                            published_at=now + datetime.timedelta(days=30))  # fmt: skip
    factories.ReviewFactory(headline="Out yesterday", status=ReviewStatus.PUBLISHED,
                            published_at=now - datetime.timedelta(days=1), critic=mine)  # fmt: skip
    factories.ReviewFactory(headline="Out last year", status=ReviewStatus.PUBLISHED,
                            published_at=now - datetime.timedelta(days=300))  # fmt: skip
    today = timezone.localdate()
    factories.PhotoFactory(caption="Runs out soon.", usage_expires=today + datetime.timedelta(3))
    factories.PhotoFactory(caption="Runs out later.", usage_expires=today + datetime.timedelta(90))
    return mine


def test_the_editor_sees_the_queue_oldest_first_the_week_and_the_stills(client, editor, desk):
    client.force_login(editor)
    response = client.get(HOME)
    assert response.status_code == 200
    shown = panels(response)
    assert set(shown) == {"waiting", "scheduled", "published", "stills"}
    assert headlines(shown["waiting"]) == ["Oldest in queue", "Newer in queue"]
    assert shown["waiting"].count == 2
    assert headlines(shown["scheduled"]) == ["Friday's"]
    assert headlines(shown["published"]) == ["Out yesterday"]
    assert [still.caption for still in shown["stills"].items] == ["Runs out soon."]
    page = response.content.decode()
    assert 'id="panel-waiting"' in page and 'data-count="2"' in page
    assert "Reviews, films and stills" in page  # the list of models stays below


def test_the_critic_sees_own_work_only_and_what_was_sent_back(client, critic_user, editor, desk):
    returned = review_in(ReviewStatus.IN_REVIEW, headline="Sent back one", critic=desk)
    workflow.apply_action(returned, "send_back", editor, message="Cut the second paragraph.")
    withdrawn = review_in(ReviewStatus.IN_REVIEW, headline="Withdrawn one", critic=desk)
    workflow.apply_action(withdrawn, "withdraw", critic_user)
    client.force_login(critic_user)

    response = client.get(HOME)

    shown = panels(response)
    assert set(shown) == {"drafts", "sent_back", "waiting", "scheduled", "published"}
    assert sorted(headlines(shown["drafts"])) == ["My draft", "Withdrawn one"]
    assert headlines(shown["sent_back"]) == ["Sent back one"]
    assert headlines(shown["waiting"]) == ["Newer in queue"]
    assert headlines(shown["scheduled"]) == []
    assert headlines(shown["published"]) == ["Out yesterday"]
    assert "Cut the second paragraph." in response.content.decode()
    assert "Someone else" not in response.content.decode()


def test_the_photo_desk_sees_the_stills_whose_rights_run_out(client, photo_desk, desk):
    client.force_login(photo_desk)
    shown = panels(client.get(HOME))
    assert set(shown) == {"stills"}
    assert shown["stills"].count == 1


@pytest.mark.parametrize("role", ["editor", "critic_user", "photo_desk"])
def test_the_dashboard_s_query_count_is_fixed(client, request, role, desk):
    user = request.getfixturevalue(role)
    client.force_login(user)
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        assert client.get(HOME).status_code == 200
    now = timezone.now()
    for n in range(12):
        _submitted(f"Queued {n}", now - datetime.timedelta(hours=n + 2), critic=desk)
        review_in(ReviewStatus.DRAFT, critic=desk)
        factories.ReviewFactory(status=ReviewStatus.SCHEDULED, critic=desk,
                                published_at=now + datetime.timedelta(days=1))  # fmt: skip
        factories.PhotoFactory(usage_expires=timezone.localdate() + datetime.timedelta(days=2))
    with CaptureQueriesContext(connection) as many:
        response = client.get(HOME)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 20, len(many)
    if role != "photo_desk":
        assert panels(response)["waiting"].count == 12 + (2 if role == "editor" else 1)
        assert len(panels(response)["waiting"].items) == 8
        assert "All 14" in response.content.decode() or role != "editor"


def test_the_critic_s_own_list_puts_the_review_in_review_first(client, critic_user):
    mine = critic_user.critic
    now = timezone.now()
    factories.ReviewFactory(headline="Live", critic=mine, status=ReviewStatus.PUBLISHED,
                            published_at=now - datetime.timedelta(days=1))  # fmt: skip
    review_in(ReviewStatus.DRAFT, headline="Draft", critic=mine)
    review_in(ReviewStatus.IN_REVIEW, headline="Waiting", critic=mine)
    client.force_login(critic_user)
    response = client.get(reverse("admin:reviews_review_changelist"))
    assert [r.headline for r in response.context["cl"].result_list] == ["Waiting", "Draft", "Live"]
