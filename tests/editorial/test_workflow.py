"""The editorial workflow: who may move a review between states, and what each move leaves."""

import datetime

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import workflow
from reviews.models import Review, ReviewStatus, Transition
from tests import factories
from tests.admin_forms import review_change_data
from tests.helpers import review_in

pytestmark = pytest.mark.django_db

S = ReviewStatus
STATES = [S.DRAFT, S.IN_REVIEW, S.SCHEDULED, S.PUBLISHED, S.UNPUBLISHED]
ACTIONS = ["submit", "withdraw", "send_back", "schedule", "publish", "unschedule", "unpublish"]

# The specification, written out independently of reviews/editorial/workflow.py.
SOURCES = {
    "submit": {S.DRAFT},
    "withdraw": {S.IN_REVIEW},
    "send_back": {S.IN_REVIEW, S.UNPUBLISHED},
    "schedule": {S.DRAFT, S.IN_REVIEW, S.SCHEDULED, S.UNPUBLISHED},
    "publish": {S.DRAFT, S.IN_REVIEW, S.SCHEDULED, S.UNPUBLISHED},
    "unschedule": {S.SCHEDULED},
    "unpublish": {S.PUBLISHED},
}
TARGETS = {
    "submit": S.IN_REVIEW,
    "withdraw": S.DRAFT,
    "send_back": S.DRAFT,
    "schedule": S.SCHEDULED,
    "publish": S.PUBLISHED,
    "unschedule": S.IN_REVIEW,
    "unpublish": S.UNPUBLISHED,
}
#: Which actions each role may take (in the action's source states); nothing else.
MAY = {
    "editor": {"submit", "send_back", "schedule", "publish", "unschedule", "unpublish"},
    "author": {"submit", "withdraw"},
    "other critic": set(),
    "photo desk": set(),
}
ROLES = list(MAY)


@pytest.fixture
def people(editor, critic_user, photo_desk):
    other = factories.UserFactory(username="othercritic", is_staff=True)
    other.groups.add(Group.objects.get(name="Critic"))
    factories.CriticFactory(user=other)
    return {
        "editor": editor,
        "author": critic_user,
        "other critic": other,
        "photo desk": photo_desk,
    }


def workflow_url(review, action):
    return reverse("admin:reviews_review_workflow", args=[review.pk, action])


MATRIX = [(role, action, state) for role in ROLES for action in ACTIONS for state in STATES]


@pytest.mark.parametrize(
    ("role", "action", "state"), MATRIX, ids=[f"{r}-{a}-from-{s}" for r, a, s in MATRIX]
)
def test_permission_matrix_of_every_transition_for_every_role(
    client, people, critic_user, role, action, state
):
    review = review_in(state, critic=critic_user.critic)
    client.force_login(people[role])
    when = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(
        workflow_url(review, action),
        {"message": "Checked the facts box.", "when": when.strftime("%Y-%m-%dT%H:%M")},
    )
    review.refresh_from_db()
    possible = state in SOURCES[action]
    if possible and action in MAY[role]:
        assert response.status_code == 302
        assert review.status == TARGETS[action]
        move = Transition.objects.get(review=review)
        assert (move.from_status, move.to_status, move.by) == (state, TARGETS[action], people[role])
        assert move.message == "Checked the facts box."
        return
    assert review.status == state
    assert not Transition.objects.filter(review=review).exists()
    if role in {"other critic", "photo desk"}:
        # They cannot even see the review in the admin.
        assert response.status_code == 404
    elif not possible:
        assert response.status_code == 302
        shown = [str(m) for m in response.wsgi_request._messages]
        assert any("is not possible: the review is" in m for m in shown), shown
    else:
        assert response.status_code == 403


BUTTON_CASES = [(role, state) for role in ["editor", "author"] for state in STATES]


@pytest.mark.parametrize(("role", "state"), BUTTON_CASES)
def test_change_page_shows_buttons_for_exactly_the_moves_the_user_may_make(
    client, people, critic_user, role, state
):
    review = review_in(state, critic=critic_user.critic)
    client.force_login(people[role])
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    expected = {a for a in ACTIONS if state in SOURCES[a] and a in MAY[role]}
    shown = {a for a in ACTIONS if f'action="{workflow_url(review, a)}"' in page}
    assert shown == expected


def test_scheduled_review_appears_at_its_time_without_a_job(editor):
    review = review_in(S.IN_REVIEW)
    when = timezone.now() + datetime.timedelta(hours=2)
    workflow.apply_action(review, "schedule", editor, when=when)
    assert review.status == S.SCHEDULED
    assert not Review.objects.published().filter(pk=review.pk).exists()
    assert not review.is_published
    Review.objects.filter(pk=review.pk).update(published_at=timezone.now())
    review.refresh_from_db()
    assert Review.objects.published().filter(pk=review.pk).exists()
    assert review.is_published


SCHEDULED_HEADLINE = "Scheduled Headline Narwhal"


def surfaces(review) -> dict[str, str]:
    genre = review.film.genres.first()
    return {
        "review page": review.get_absolute_url(),
        "home": reverse("reviews:home"),
        "archive": reverse("reviews:archive"),
        "film page": review.film.get_absolute_url(),
        "person page": review.film.credits.first().person.get_absolute_url(),
        "critic page": review.critic.get_absolute_url(),
        "genre page": genre.get_absolute_url(),
        "search": reverse("reviews:search") + "?q=narwhal",
        "RSS feed": reverse("reviews:feed-rss"),
        "Atom feed": reverse("reviews:feed-atom"),
        "critic feed": reverse("reviews:critic-feed-rss", args=[review.critic.slug]),
        "genre feed": reverse("reviews:genre-feed-atom", args=[genre.slug]),
        "sitemap": reverse("reviews:sitemap-section", args=["reviews"]),
    }


def test_a_scheduled_review_appears_on_every_public_surface_at_its_time(
    client, editor, monkeypatch
):
    review = factories.ReviewFactory(
        complete=True,
        status=ReviewStatus.IN_REVIEW,
        headline=SCHEDULED_HEADLINE,
        slug="scheduled-narwhal",
    )
    factories.CreditFactory(film=review.film)
    review.film.genres.add(factories.GenreFactory())
    when = timezone.now() + datetime.timedelta(hours=2)
    workflow.apply_action(review, "schedule", editor, when=when)

    for name, url in surfaces(review).items():
        response = client.get(url)
        assert SCHEDULED_HEADLINE not in response.content.decode(), f"{name} shows it early"
        assert review.slug not in response.content.decode(), f"{name} links it early"

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(hours=3))

    for name, url in surfaces(review).items():
        response = client.get(url)
        assert response.status_code == 200, name
        content = response.content.decode()
        assert SCHEDULED_HEADLINE in content or review.slug in content, f"{name} does not show it"
    page = client.get(review.get_absolute_url()).content.decode()
    assert f'"datePublished": "{when.isoformat()}"' in page
    rss = feedparser.parse(client.get(reverse("reviews:feed-rss")).content)
    assert rss.entries[0].published_parsed[:5] == when.utctimetuple()[:5]


def test_scheduling_refuses_a_time_in_the_past_or_none(editor):
    review = review_in(S.IN_REVIEW)
    with pytest.raises(workflow.WorkflowError, match="must be in the future"):
        workflow.apply_action(review, "schedule", editor, when=timezone.now())
    with pytest.raises(workflow.WorkflowError, match="needs a publication time"):
        workflow.apply_action(review, "schedule", editor)
    review.refresh_from_db()
    assert review.status == S.IN_REVIEW


def test_scheduling_beyond_five_years_is_refused_with_a_message_not_a_500(client, editor):
    review = factories.ReviewFactory(complete=True)
    client.force_login(editor)
    url = reverse("admin:reviews_review_workflow", args=[review.pk, "schedule"])

    response = client.post(url, {"when": "9999-12-31T23:59"}, follow=True)

    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["The publication time must be within five years from now."]
    review.refresh_from_db()
    assert (review.status, review.published_at) == ("draft", None)


def test_scheduling_in_the_admin_without_a_time_says_so(client, editor):
    review = review_in(S.IN_REVIEW)
    client.force_login(editor)
    response = client.post(workflow_url(review, "schedule"), {"when": ""}, follow=True)
    assert "Scheduling needs a publication time." in response.content.decode()
    review.refresh_from_db()
    assert review.status == S.IN_REVIEW


def test_republishing_keeps_the_first_publication_time(editor):
    review = review_in(S.PUBLISHED)
    first = review.published_at
    workflow.apply_action(review, "unpublish", editor)
    assert not Review.objects.published().filter(pk=review.pk).exists()
    workflow.apply_action(review, "publish", editor)
    assert review.published_at == first


def test_service_refuses_a_critic_publishing_their_own_review(critic_user):
    review = review_in(S.IN_REVIEW, critic=critic_user.critic)
    with pytest.raises(PermissionDenied, match="You may not “publish now” this review."):
        workflow.apply_action(review, "publish", critic_user)


def test_unknown_action_is_refused_by_name(editor):
    with pytest.raises(workflow.WorkflowError, match="no workflow action called 'launch'"):
        workflow.apply_action(review_in(S.DRAFT), "launch", editor)


def test_workflow_buttons_only_answer_post(client, editor):
    review = review_in(S.DRAFT)
    client.force_login(editor)
    assert client.get(workflow_url(review, "submit")).status_code == 405


def test_a_too_long_message_is_refused_with_its_field_named(client, editor):
    review = review_in(S.DRAFT)
    client.force_login(editor)
    response = client.post(workflow_url(review, "submit"), {"message": "x" * 501}, follow=True)
    assert "Message: Ensure this value has at most 500 characters (it has 501)." in (
        response.content.decode()
    )
    review.refresh_from_db()
    assert review.status == S.DRAFT
    with pytest.raises(workflow.WorkflowError, match="limited to 500 characters"):
        workflow.apply_action(review, "submit", editor, message="x" * 501)


@pytest.mark.parametrize("state", [S.IN_REVIEW, S.SCHEDULED, S.PUBLISHED, S.UNPUBLISHED])
def test_critic_edits_own_review_only_as_a_draft(client, critic_user, state):
    review = review_in(state, critic=critic_user.critic, headline="As submitted")
    client.force_login(critic_user)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False  # shown read only
    response = client.post(url, review_change_data(review, headline="Edited after submitting"))
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.headline == "As submitted"


def test_critic_withdraws_a_submitted_review_and_edits_it_again(client, critic_user):
    review = review_in(S.IN_REVIEW, critic=critic_user.critic)
    client.force_login(critic_user)
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    assert "Withdraw to draft" in page
    assert client.post(workflow_url(review, "withdraw")).status_code == 302
    review.refresh_from_db()
    url = reverse("admin:reviews_review_change", args=[review.pk])
    assert client.post(url, review_change_data(review, headline="Reworked")).status_code == 302
    review.refresh_from_db()
    assert (review.status, review.headline) == (S.DRAFT, "Reworked")
