"""A review's text kept on the server while it is typed: private, apart from the saved
review, offered back when newer than the last save, and never overwriting a newer save."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review, ReviewDraft
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


def autosave(client, review, **fields):
    data = {"loaded_version": review.version, "headline": review.headline, "dek": "",
            "body": review.body} | fields  # fmt: skip
    return client.post(reverse("admin:reviews_review_autosave", args=[review.pk]), data)


@pytest.fixture
def own_review(critic_user):
    return factories.ReviewFactory(critic=critic_user.critic, headline="Saved headline",
                                   body="<p>Saved text.</p>")  # fmt: skip


def test_autosave_keeps_the_text_apart_from_the_review(client, critic_user, own_review):
    client.force_login(critic_user)
    version = own_review.version
    response = autosave(client, own_review, body="<p>Typed <script>x()</script>text.</p>")
    assert response.status_code == 200
    assert response.json()["newer_save"] is False
    own_review.refresh_from_db()
    assert (own_review.body, own_review.version) == ("<p>Saved text.</p>", version)
    draft = ReviewDraft.objects.get(review=own_review, user=critic_user)
    assert draft.body == "<p>Typed text.</p>"  # sanitised on the way in
    assert draft.base_version == version


def test_the_draft_is_offered_back_and_restored_into_the_form(client, critic_user, own_review):
    client.force_login(critic_user)
    autosave(client, own_review, headline="Typed headline")
    page = client.get(admin_url(Review, "change", own_review)).content.decode()
    assert "You have unsaved text in this review" in page and "?draft=restore" in page
    response = client.get(admin_url(Review, "change", own_review) + "?draft=restore")
    form = response.context["adminform"].form
    assert form["headline"].value() == "Typed headline"
    assert "is in the form below. It is not saved yet" in response.content.decode()
    # Saving it makes it the review's, and the kept draft goes.
    response = client.post(admin_url(Review, "change", own_review), form_data(response))
    assert response.status_code == 302
    own_review.refresh_from_db()
    assert own_review.headline == "Typed headline"
    assert not ReviewDraft.objects.exists()


def test_a_draft_is_private_to_whoever_typed_it(client, critic_user, editor, own_review):
    client.force_login(critic_user)
    autosave(client, own_review, headline="Critic's unsaved words")
    client.force_login(editor)
    page = client.get(admin_url(Review, "change", own_review)).content.decode()
    assert "Critic's unsaved words" not in page and "unsaved text" not in page
    page = client.get(admin_url(Review, "change", own_review) + "?draft=restore").content.decode()
    assert "Critic's unsaved words" not in page
    other = factories.ReviewFactory()
    client.force_login(critic_user)
    assert autosave(client, other).status_code == 404
    assert not ReviewDraft.objects.filter(review=other).exists()


def test_autosave_never_overwrites_a_newer_save(client, critic_user, editor, own_review):
    client.force_login(critic_user)
    loaded = own_review.version
    # The editor saves while the critic types on the version they loaded.
    client.force_login(editor)
    url = admin_url(Review, "change", own_review)
    response = client.post(url, form_data(client.get(url)) | {"headline": "Editor's headline"})
    assert response.status_code == 302
    client.force_login(critic_user)
    response = autosave(client, own_review, loaded_version=loaded, headline="Critic's headline")
    assert response.json()["newer_save"] is True
    own_review.refresh_from_db()
    assert own_review.headline == "Editor's headline"
    # Offered back with a word that the review was saved since, and restored with the version
    # it was typed on: saving it is refused as an edit conflict, not written over the editor's.
    page = client.get(url).content.decode()
    assert "saved by someone else since you began that text" in page
    restored = client.get(url + "?draft=restore")
    data = form_data(restored)
    assert data["loaded_version"] == str(loaded)
    response = client.post(url, data)
    assert response.status_code == 200
    conflict = response.content.decode()
    assert "saved this review while you were editing it" in conflict
    assert "your copy is version" not in conflict  # version numbers are the desk's
    own_review.refresh_from_db()
    assert own_review.headline == "Editor's headline"
    assert ReviewDraft.objects.filter(user=critic_user).exists()  # nothing typed is lost


def test_a_draft_older_than_the_last_save_is_not_offered(client, critic_user, own_review):
    client.force_login(critic_user)
    autosave(client, own_review, headline="Typed before the save")
    ReviewDraft.objects.update(saved_at=timezone.now() - datetime.timedelta(minutes=5))
    own_review.save()
    page = client.get(admin_url(Review, "change", own_review)).content.decode()
    assert "unsaved text" not in page
    assert not ReviewDraft.objects.exists()


def test_discarding_the_draft(client, critic_user, own_review):
    client.force_login(critic_user)
    autosave(client, own_review, headline="Not wanted")
    response = client.post(reverse("admin:reviews_review_discard_draft", args=[own_review.pk]))
    assert response.status_code == 302
    assert not ReviewDraft.objects.exists()


@pytest.mark.parametrize(
    ("fields", "named"),
    [({"loaded_version": "x"}, "loaded_version"), ({"headline": "h" * 201}, "headline")],
)
def test_bad_autosave_is_a_clear_400(client, critic_user, own_review, fields, named):
    client.force_login(critic_user)
    response = autosave(client, own_review, **fields)
    assert response.status_code == 400
    assert named in response.json()["error"]
    assert not ReviewDraft.objects.exists()


def test_autosave_answers_only_post(client, critic_user, own_review):
    client.force_login(critic_user)
    url = reverse("admin:reviews_review_autosave", args=[own_review.pk])
    assert client.get(url).status_code == 405


def test_deleting_a_review_takes_its_drafts_along(client, editor):
    review = factories.ReviewFactory()
    client.force_login(editor)
    autosave(client, review, headline="Typed")
    response = client.post(admin_url(Review, "delete", review), {"post": "yes"})
    assert response.status_code == 302
    assert not Review.objects.filter(pk=review.pk).exists()
    assert not ReviewDraft.objects.exists()
