"""Admin saves meeting other writes: a clear answer on the page, never a 500."""

import contextlib

import pytest
from django.test import Client
from django.urls import reverse

from reviews.admin import saving
from reviews.models import Review
from reviews.transactions import WriteBusy
from tests import factories
from tests.admin_forms import form_data


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_save_that_cannot_get_the_write_lock_in_time_is_answered_not_saved(editor, monkeypatch):
    review = factories.ReviewFactory(headline="As it stands")
    client = client_for(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = form_data(client.get(url)) | {"headline": "Never written"}

    @contextlib.contextmanager
    def busy_database(using="default"):
        raise WriteBusy("The database is busy with another save; nothing was written.")
        yield

    monkeypatch.setattr(saving, "write_transaction", busy_database)
    response = client.post(url, data)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "The database is busy with another save; nothing was written." in page
    assert "your changes are still in the form" in page
    assert Review.objects.get(pk=review.pk).headline == "As it stands"


# A still in the admin ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_critic_opening_a_still_sees_it_read_only(critic_user):
    photo = factories.PhotoFactory(caption="Emma Stone as Mia.", focal_x=0.25)
    client = client_for(critic_user)

    response = client.get(reverse("admin:reviews_photo_change", args=[photo.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Emma Stone as Mia." in page
    assert "0.25" in page
    assert 'name="caption"' not in page  # shown, not editable
    assert not response.context["has_change_permission"]
    assert (
        client.post(
            reverse("admin:reviews_photo_change", args=[photo.pk]), {"caption": "Mine now."}
        ).status_code
        == 403
    )
    photo.refresh_from_db()
    assert photo.caption == "Emma Stone as Mia."
