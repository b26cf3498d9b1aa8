"""Old addresses (SlugRedirect): remembered when a slug changes, dropped when it is taken back."""

import pytest
from django.urls import reverse

from reviews.editorial import workflow
from reviews.models import Film, ReviewStatus, SlugRedirect
from tests import factories
from tests.admin_forms import post_change_form
from tests.helpers import review_in

pytestmark = pytest.mark.django_db


def test_taking_an_old_slug_back_drops_its_redirect():
    review = review_in(ReviewStatus.PUBLISHED, slug="b")
    SlugRedirect.objects.remember(review, "a")
    review.slug = "a"
    review.save()
    SlugRedirect.objects.remember(review, "b")
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["b"]


def test_taking_back_an_old_film_slug_makes_that_address_live_again(client, editor):
    film = factories.FilmFactory(slug="first")
    client.force_login(editor)
    post_change_form(client, film, slug="second")
    post_change_form(client, Film.objects.get(pk=film.pk), slug="first")
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["second"]
    assert client.get("/films/first/").status_code == 200
    assert client.get("/films/second/")["Location"] == "/films/first/"


def test_a_draft_taking_an_old_address_does_not_break_another_reviews_redirect(client, critic_user):
    moved = factories.ReviewFactory(published=True, slug="great-film-review")
    SlugRedirect.objects.remember(moved, "great-film")
    draft = factories.ReviewFactory(complete=True, critic=critic_user.critic, slug="my-draft")
    client.force_login(critic_user)
    post_change_form(client, draft, slug="great-film")
    client.logout()

    response = client.get(reverse("reviews:review-detail", args=["great-film"]))

    assert response.status_code == 301
    assert response["Location"] == moved.get_absolute_url()
    # Once the draft is live, its own page answers there.
    workflow.apply_action(draft, "publish", factories.UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("reviews:review-detail", args=["great-film"])).status_code == 200
