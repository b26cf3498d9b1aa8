"""What a review needs before an editor or readers see it: checked when it is submitted,
scheduled or published, never when a draft is saved, and every missing piece named."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import workflow
from reviews.models import Review, ReviewStatus
from tests import factories
from tests.admin_forms import review_change_data
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def bare_review(critic_user):
    """A draft with nothing publication needs: no still, no stars, a film without facts."""
    film = factories.FilmFactory(title="Aftersun", running_time=None, mpaa_rating="")
    return factories.ReviewFactory(film=film, critic=critic_user.critic, rating=None)


def test_an_incomplete_draft_is_saved_without_complaint(client, critic_user, bare_review):
    client.force_login(critic_user)
    data = review_change_data(bare_review, headline="Still writing", rating="")
    response = client.post(admin_url(Review, "change", bare_review), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    bare_review.refresh_from_db()
    assert bare_review.headline == "Still writing"


def test_every_missing_piece_is_named(bare_review):
    missing = workflow.publication_problems(bare_review)
    assert missing == [
        "a lead still (the review's or the film's, with rights that allow it)",
        "a star rating, or “Not rated” ticked",
        "the running time of Aftersun (2016)",
        "the MPAA rating of Aftersun (2016)",
    ]


@pytest.mark.parametrize("action", ["submit", "publish", "schedule"])
def test_submit_schedule_and_publish_are_refused_with_what_is_missing(
    action, bare_review, critic_user, editor
):
    user = critic_user if action == "submit" else editor
    when = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.apply_action(bare_review, action, user, when=when)
    text = " ".join(refused.value.messages)
    for piece in ("lead still", "star rating", "running time of Aftersun", "MPAA rating"):
        assert piece in text
    bare_review.refresh_from_db()
    assert bare_review.status == ReviewStatus.DRAFT


def test_the_refusal_is_a_message_on_the_review_in_the_admin(client, critic_user, bare_review):
    client.force_login(critic_user)
    url = reverse("admin:reviews_review_workflow", args=[bare_review.pk, "submit"])
    response = client.post(url, {"message": ""}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "needs what is still missing" in page and "the running time of Aftersun" in page
    bare_review.refresh_from_db()
    assert bare_review.status == ReviewStatus.DRAFT


def test_a_complete_review_moves_and_not_rated_counts_as_a_rating(bare_review, critic_user):
    film = bare_review.film
    film.running_time, film.mpaa_rating = 102, "R"
    film.lead_still = factories.PhotoFactory(film=film)
    film.save()
    bare_review.not_rated = True
    bare_review.save()
    workflow.apply_action(bare_review, "submit", critic_user)
    assert bare_review.status == ReviewStatus.IN_REVIEW


def test_a_lead_still_whose_rights_expired_does_not_count(bare_review):
    expired = factories.PhotoFactory(usage_expires=datetime.date(2020, 1, 1))
    bare_review.lead_still = expired
    assert "a lead still" in workflow.publication_problems(bare_review)[0]


def test_stars_and_not_rated_together_is_a_form_error_not_a_500(client, editor):
    review = factories.ReviewFactory()
    client.force_login(editor)
    data = review_change_data(review, rating="3.0", not_rated="on")
    response = client.post(admin_url(Review, "change", review), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "clear the stars or untick this" in str(errors["not_rated"])


def test_the_review_page_says_what_is_still_needed_before_anyone_presses(
    client, critic_user, bare_review
):
    client.force_login(critic_user)
    page = client.get(admin_url(Review, "change", bare_review)).content.decode()
    note = page[page.index('id="publication-missing"') :].split("</p>", 1)[0]
    assert "Needed before it is submitted, scheduled or published" in note
    assert "the running time of Aftersun (2016)" in note
    complete = factories.ReviewFactory(complete=True, critic=critic_user.critic)
    page = client.get(admin_url(Review, "change", complete)).content.decode()
    assert 'id="publication-missing"' not in page
