"""Opening a review someone else has open says who and since when, before any conflict."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review, ReviewPresence
from tests import factories
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_review(critic_user):
    return factories.ReviewFactory(critic=critic_user.critic)


def heartbeat(client, review):
    return client.post(reverse("admin:reviews_review_presence", args=[review.pk]))


def test_the_second_to_open_a_review_is_told_who_has_it_open_and_since_when(
    client, critic_user, editor, own_review
):
    editor.first_name, editor.last_name = "Ada", "Desk"
    editor.save()
    client.force_login(editor)
    assert client.get(admin_url(Review, "change", own_review)).status_code == 200
    opened = ReviewPresence.objects.get(user=editor)
    client.force_login(critic_user)
    page = client.get(admin_url(Review, "change", own_review)).content.decode()
    notice = page[page.index('id="presence"') :].split("</div>", 1)[0]
    assert "<strong>Ada Desk</strong> has this review open, since" in notice
    since = timezone.localtime(opened.since)
    assert f"{since:%Y}" in notice and since.tzname() in notice  # the time carries its zone
    # And the editor's next heartbeat names the critic by byline.
    client.force_login(editor)
    others = heartbeat(client, own_review).json()["others"]
    assert [other["who"] for other in others] == ["Tomás Okafor"]


def test_no_notice_when_alone_or_once_the_other_page_went_quiet(
    client, critic_user, editor, own_review
):
    client.force_login(critic_user)
    page = client.get(admin_url(Review, "change", own_review)).content.decode()
    assert "has this review open" not in page
    client.force_login(editor)
    heartbeat(client, own_review)
    ReviewPresence.objects.filter(user=editor).update(
        seen_at=timezone.now() - ReviewPresence.EXPIRES_AFTER - datetime.timedelta(seconds=1)
    )
    client.force_login(critic_user)
    assert heartbeat(client, own_review).json()["others"] == []


def test_leaving_the_page_ends_the_notice_at_once(client, critic_user, editor, own_review):
    client.force_login(editor)
    heartbeat(client, own_review)
    response = client.post(reverse("admin:reviews_review_leave", args=[own_review.pk]))
    assert response.status_code == 204
    client.force_login(critic_user)
    assert heartbeat(client, own_review).json()["others"] == []


def test_since_restarts_after_the_mark_expired(client, editor, own_review):
    client.force_login(editor)
    heartbeat(client, own_review)
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    ReviewPresence.objects.update(since=long_ago, seen_at=long_ago)
    heartbeat(client, own_review)
    assert ReviewPresence.objects.get().since > long_ago + datetime.timedelta(hours=1)


def test_presence_of_a_review_one_may_not_open_is_refused(client, critic_user):
    theirs = factories.ReviewFactory()
    client.force_login(critic_user)
    assert heartbeat(client, theirs).status_code == 404
    assert not ReviewPresence.objects.exists()
