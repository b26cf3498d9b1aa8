"""The editorial workflow: who may move a review between states, and what each move leaves."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import deletion, workflow
from reviews.models import DeletionRecord, Review, ReviewStatus, SlugRedirect, Transition
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


def test_status_cannot_be_posted_as_a_plain_field(client, editor):
    review = review_in(S.DRAFT)
    client.force_login(editor)
    data = {
        "film": review.film.pk,
        "critic": review.critic.pk,
        "headline": "Changed",
        "slug": review.slug,
        "body": review.body,
        "status": S.PUBLISHED,
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "loaded_version": review.version,
        "placements-TOTAL_FORMS": "0",
        "placements-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.headline, review.status, review.published_at) == ("Changed", S.DRAFT, None)


def test_transitions_are_listed_on_the_review_in_the_admin(client, editor, critic_user):
    review = review_in(S.DRAFT, critic=critic_user.critic)
    workflow.apply_action(review, "submit", critic_user, message="Ready for the desk.")
    workflow.apply_action(review, "publish", editor, message="Lead on Friday.")
    client.force_login(editor)
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    history = page[page.index("History of states") :]
    assert "Ready for the desk." in history and "Lead on Friday." in history
    assert history.index("Lead on Friday.") < history.index("Ready for the desk.")
    assert "critic" in history and "editor" in history
    # The states read as the desk says them, not as they are stored.
    assert "In review" in history and "in_review" not in history


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


def test_scheduling_refuses_a_time_in_the_past_or_none(editor):
    review = review_in(S.IN_REVIEW)
    with pytest.raises(workflow.WorkflowError, match="must be in the future"):
        workflow.apply_action(review, "schedule", editor, when=timezone.now())
    with pytest.raises(workflow.WorkflowError, match="needs a publication time"):
        workflow.apply_action(review, "schedule", editor)
    review.refresh_from_db()
    assert review.status == S.IN_REVIEW


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


# Slugs --------------------------------------------------------------------------------------


def test_changing_a_slug_keeps_the_old_address_with_a_permanent_redirect(client, editor):
    review = review_in(S.PUBLISHED, slug="old-address")
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    assert client.post(url, review_change_data(review, slug="new-address")).status_code == 302
    client.logout()
    response = client.get("/reviews/old-address/")
    assert response.status_code == 301
    assert response["Location"] == "/reviews/new-address/"
    assert client.get("/reviews/new-address/").status_code == 200
    assert SlugRedirect.objects.get().old_slug == "old-address"


def test_old_address_of_an_unpublished_review_is_404_not_a_redirect(client, editor):
    review = review_in(S.DRAFT, slug="renamed")
    SlugRedirect.objects.remember(review, "first-name")
    assert client.get("/reviews/first-name/").status_code == 404


# Deletion -----------------------------------------------------------------------------------


def test_deleting_a_published_review_needs_an_editor_and_leaves_a_record(client, editor):
    review = review_in(S.PUBLISHED, headline="Gone Tomorrow")
    factories.CorrectionFactory(review=review, text="A fix.")
    workflow.apply_action(review_in(S.DRAFT), "submit", editor)
    client.force_login(editor)
    url = reverse("admin:reviews_review_delete", args=[review.pk])
    assert "Are you sure" in client.get(url).content.decode()
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Review.objects.filter(pk=review.pk).exists()
    record = DeletionRecord.objects.get()
    assert (record.headline, record.status, record.deleted_by) == (
        "Gone Tomorrow",
        S.PUBLISHED,
        editor,
    )
    models = [item["model"] for item in record.snapshot["objects"]]
    assert models[0] == "reviews.review" and "reviews.correction" in models
    assert record.snapshot["objects"][0]["fields"]["headline"] == "Gone Tomorrow"


def test_user_with_delete_permission_but_not_editor_cannot_delete_a_published_review():
    from django.contrib.auth.models import Permission

    user = factories.UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="delete_review"))
    published, draft = review_in(S.PUBLISHED), review_in(S.DRAFT)
    with pytest.raises(PermissionDenied, match="Only an Editor may delete a review"):
        deletion.delete_review(published, user)
    assert Review.objects.filter(pk=published.pk).exists()
    draft_pk = draft.pk
    deletion.delete_review(draft, user)
    assert DeletionRecord.objects.get().review_id == draft_pk


def test_critic_cannot_delete_even_their_own_review(client, critic_user):
    review = review_in(S.DRAFT, critic=critic_user.critic)
    client.force_login(critic_user)
    response = client.post(
        reverse("admin:reviews_review_delete", args=[review.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Review.objects.filter(pk=review.pk).exists()


# Corrections and the modification time ------------------------------------------------------


def test_editor_appends_a_dated_correction_that_shows_on_the_page(client, editor):
    review = review_in(S.PUBLISHED)
    client.force_login(editor)
    data = review_change_data(
        review,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-text": "An earlier version misspelled Chazelle.",
            "corrections-0-published_at_0": "2026-03-02",
            "corrections-0-published_at_1": "09:30:00",
        },
    )
    response = client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    correction = review.corrections.get()
    assert correction.created_by == editor
    page = client.get(review.get_absolute_url()).content.decode()
    assert "An earlier version misspelled Chazelle." in page
    assert '<time datetime="2026-03-02T09:30:00-05:00">March 2, 2026</time>' in page


def test_deletion_records_are_listed_read_only_for_editors(client, editor):
    review = review_in(S.PUBLISHED, headline="Gone <b>bold</b>")
    record = deletion.delete_review(review, editor)
    client.force_login(editor)
    listing = client.get(reverse("admin:reviews_deletionrecord_changelist")).content.decode()
    assert "Gone &lt;b&gt;bold&lt;/b&gt;" in listing
    page = client.get(reverse("admin:reviews_deletionrecord_change", args=[record.pk]))
    assert page.status_code == 200
    assert "&quot;headline&quot;: &quot;Gone &lt;b&gt;bold&lt;/b&gt;&quot;" in page.content.decode()
    assert client.get(reverse("admin:reviews_deletionrecord_add")).status_code == 403


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
