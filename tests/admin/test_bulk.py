"""Bulk moves in the review list: each review through the workflow's own rules, a refused
one named with its reason, the others moved."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review, ReviewStatus, Transition
from tests.helpers import review_in

pytestmark = pytest.mark.django_db

LIST = reverse("admin:reviews_review_changelist")


def _act(client, action: str, reviews, **extra):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [r.pk for r in reviews]} | extra
    return client.post(LIST, data)


def _status(review) -> str:
    return Review.objects.get(pk=review.pk).status


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def later():
    return timezone.localtime() + datetime.timedelta(days=3)


def test_bulk_publish_moves_the_possible_and_names_each_refused(client, editor):
    waiting = review_in(ReviewStatus.IN_REVIEW, headline="Ready one")
    embargoed = review_in(
        ReviewStatus.IN_REVIEW,
        headline="Held one",
        embargo_until=timezone.now() + datetime.timedelta(days=1),
    )
    live = review_in(ReviewStatus.PUBLISHED, headline="Live one")
    client.force_login(editor)

    response = _act(client, "publish_selected", [waiting, embargoed, live])

    assert response.status_code == 302
    assert _status(waiting) == ReviewStatus.PUBLISHED
    assert _status(embargoed) == ReviewStatus.IN_REVIEW
    assert _status(live) == ReviewStatus.PUBLISHED
    text = " ".join(_messages(response))
    assert "1 review moved (“Ready one”)" in text
    assert "“Held one” was not moved" in text and "under embargo until" in text
    assert "“Live one” was not moved" in text and "the review is published" in text


def test_bulk_unpublish_takes_live_reviews_down_and_refuses_a_draft(client, editor):
    live = [review_in(ReviewStatus.PUBLISHED) for _ in range(2)]
    draft = review_in(ReviewStatus.DRAFT, headline="A draft")
    client.force_login(editor)
    response = _act(client, "unpublish_selected", [*live, draft])
    assert [_status(r) for r in live] == [ReviewStatus.UNPUBLISHED] * 2
    assert _status(draft) == ReviewStatus.DRAFT
    assert "“A draft” was not moved" in " ".join(_messages(response))


def test_bulk_schedule_asks_for_a_time_then_schedules_each(client, editor, later):
    reviews = [review_in(ReviewStatus.IN_REVIEW) for _ in range(2)]
    early = review_in(
        ReviewStatus.IN_REVIEW,
        headline="Held longer",
        embargo_until=timezone.now() + datetime.timedelta(days=9),
        embargo_note="Festival terms",
    )
    client.force_login(editor)

    page = _act(client, "schedule_selected", [*reviews, early])
    assert page.status_code == 200
    assert 'type="datetime-local"' in page.content.decode()
    assert all(_status(r) == ReviewStatus.IN_REVIEW for r in [*reviews, early])

    when = f"{later:%Y-%m-%dT%H:%M}"
    response = _act(client, "schedule_selected", [*reviews, early], apply="1", when=when)

    assert response.status_code == 302
    for review in reviews:
        review.refresh_from_db()
        assert review.status == ReviewStatus.SCHEDULED
        assert review.published_at == later.replace(second=0, microsecond=0)
    assert _status(early) == ReviewStatus.IN_REVIEW
    text = " ".join(_messages(response))
    assert "“Held longer” was not moved" in text and "Festival terms" in text


def test_bulk_schedule_without_a_time_is_asked_again_with_the_error(client, editor):
    review = review_in(ReviewStatus.IN_REVIEW)
    client.force_login(editor)
    response = _act(client, "schedule_selected", [review], apply="1", when="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert _status(review) == ReviewStatus.IN_REVIEW


def test_bulk_schedule_in_the_past_is_refused_for_each_review(client, editor):
    reviews = [review_in(ReviewStatus.IN_REVIEW) for _ in range(2)]
    client.force_login(editor)
    past = timezone.localtime() - datetime.timedelta(hours=1)
    response = _act(client, "schedule_selected", reviews, apply="1", when=f"{past:%Y-%m-%dT%H:%M}")
    assert all(_status(r) == ReviewStatus.IN_REVIEW for r in reviews)
    text = " ".join(_messages(response))
    assert text.count("must be in the future") == 2


def test_bulk_send_back_carries_the_message_and_refuses_a_draft(client, editor):
    waiting = review_in(ReviewStatus.IN_REVIEW)
    draft = review_in(ReviewStatus.DRAFT, headline="Already a draft")
    client.force_login(editor)
    assert _act(client, "send_back_selected", [waiting, draft]).status_code == 200
    response = _act(
        client, "send_back_selected", [waiting, draft], apply="1", message="Tighten the lede."
    )
    assert _status(waiting) == ReviewStatus.DRAFT
    assert Transition.objects.get(review=waiting).message == "Tighten the lede."
    assert "“Already a draft” was not moved" in " ".join(_messages(response))


def test_a_message_over_500_characters_is_refused_by_the_form(client, editor):
    waiting = review_in(ReviewStatus.IN_REVIEW)
    client.force_login(editor)
    response = _act(client, "send_back_selected", [waiting], apply="1", message="x" * 501)
    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()
    assert _status(waiting) == ReviewStatus.IN_REVIEW


def test_critics_are_offered_no_bulk_move_and_cannot_post_one(client, critic_user):
    own = review_in(ReviewStatus.IN_REVIEW, critic=critic_user.critic)
    client.force_login(critic_user)
    page = client.get(LIST).content.decode()
    assert "publish_selected" not in page and "send_back_selected" not in page
    _act(client, "publish_selected", [own])
    assert _status(own) == ReviewStatus.IN_REVIEW
