"""CSRF: every form that writes refuses a post without its token, and accepts one with it."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from reviews.editorial import previews
from reviews.models import Person, ReviewStatus
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def post_targets(review, link):
    """The review workflow's forms and the review and film change forms, as (url, data)."""
    doomed = factories.ReviewFactory(critic=review.critic)
    return {
        "workflow": (reverse("admin:reviews_review_workflow", args=[review.pk, "submit"]), {}),
        "share link": (reverse("admin:reviews_review_share", args=[review.pk]), {"days": "3"}),
        "revoke link": (
            reverse("admin:reviews_review_revoke", args=[review.pk, link.pk]),
            {},
        ),
        "review change": (reverse("admin:reviews_review_change", args=[review.pk]), {}),
        "review delete": (
            reverse("admin:reviews_review_delete", args=[doomed.pk]),
            {"post": "yes"},
        ),
        "film change": (reverse("admin:reviews_film_change", args=[review.film.pk]), {}),
    }


TARGETS = ["workflow", "share link", "revoke link", "review change", "review delete", "film change"]


@pytest.mark.parametrize("target", TARGETS)
def test_review_workflow_and_change_forms_refuse_a_post_without_the_token(
    csrf_client, editor, target
):
    review = factories.ReviewFactory()
    link = previews.create_preview_link(review, editor)
    url, data = post_targets(review, link)[target]
    before = (review.status, review.version)
    response = csrf_client.post(url, data)
    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()
    review.refresh_from_db()
    assert (review.status, review.version) == before
    link.refresh_from_db()
    assert link.revoked_at is None


def test_workflow_form_with_its_token_is_accepted(csrf_client):
    review = factories.ReviewFactory(complete=True)
    page = csrf_client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    token = page.context["csrf_token"]
    response = csrf_client.post(
        reverse("admin:reviews_review_workflow", args=[review.pk, "submit"]),
        {"csrfmiddlewaretoken": str(token)},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW


def test_csrf_is_enforced_on_the_login_and_revision_restore(editor):
    client = Client(enforce_csrf_checks=True)
    assert login(client, "editor", "a-long-test-password").status_code == 403
    review = factories.ReviewFactory()
    staff = Client()
    staff.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    staff.post(url, form_data(staff.get(url)))
    version = Version.objects.get_for_object(review).get()
    client.force_login(editor)
    restore = reverse("admin:reviews_review_revision", args=[review.pk, version.pk])
    assert client.post(restore, {}).status_code == 403


def admin_add_pages():
    return [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_add"
        for model in admin.site._registry
    ]


@pytest.mark.parametrize("name", admin_add_pages())
def test_every_admin_add_form_refuses_a_post_without_its_csrf_token(name):
    superuser = factories.UserFactory(is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    response = client.post(reverse(name), {})
    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()


def test_csrf_is_enforced_on_the_desk_and_bulk_forms(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    photo = factories.PhotoFactory(caption="Kept")
    people = [
        factories.PersonFactory(name="J.K. Simmons"),
        factories.PersonFactory(name="JK Simmons"),
    ]
    film = factories.FilmFactory()
    ids = ",".join(str(person.pk) for person in people)
    targets = {
        "desk upload": (reverse("desk:upload"), {"stills-TOTAL_FORMS": "0"}),
        "desk edit": (reverse("desk:still-edit", args=[photo.pk]), {"caption": "Changed"}),
        "desk delete": (reverse("desk:still-delete", args=[photo.pk]), {}),
        "import": (reverse("admin:reviews_film_import"), {"cancel": "1"}),
        "merge": (reverse("admin:reviews_person_merge"), {"ids": ids, "keep": people[0].pk}),
        "export": (
            reverse("admin:reviews_film_changelist"),
            {"action": "export_as_csv", "_selected_action": [film.pk]},
        ),
    }
    for name, (url, data) in targets.items():
        assert client.post(url, data).status_code == 403, name
    photo.refresh_from_db()
    assert photo.caption == "Kept"
    assert Person.objects.count() == 2
