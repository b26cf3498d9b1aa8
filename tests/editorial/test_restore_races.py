"""Restoring a revision while someone saves: one of the two is refused, nothing is lost."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Revision, Version

from reviews.models import Review
from tests import factories
from tests.admin_forms import form_data
from tests.concurrency import Pause, shared_database, started  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("shared_database"),
]

FIRST_TEXT = "<p>The first text.</p>"
SECOND_TEXT = "<p>The second text.</p>"
SAVED_TEXT = "<p>The text the saving editor wrote meanwhile.</p>"


def change_url(review: Review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def other_editor(editor):
    user = factories.UserFactory(username="other-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def review_with_history(editor):
    """A review saved twice through the admin, and the revision of its first text."""
    review = factories.ReviewFactory(body=FIRST_TEXT)
    client = client_for(editor)
    for body in (FIRST_TEXT, SECOND_TEXT):
        data = form_data(client.get(change_url(review))) | {"body": body}
        assert client.post(change_url(review), data).status_code == 302
    first = Version.objects.get_for_object(review).last()
    assert first.field_dict["body"] == FIRST_TEXT
    return review, first


def _forms(review, first, saver, restorer):
    restore_url = reverse("admin:reviews_review_revision", args=[review.pk, first.pk])
    save_data = form_data(saver.get(change_url(review))) | {"body": SAVED_TEXT}
    restore_data = form_data(restorer.get(restore_url))
    return restore_url, save_data, restore_data


def test_a_save_made_while_a_restore_is_under_way_waits_and_is_refused(
    review_with_history, editor, other_editor, monkeypatch
):
    review, first = review_with_history
    saver, restorer = client_for(editor), client_for(other_editor)
    restore_url, save_data, restore_data = _forms(review, first, saver, restorer)
    version = Review.objects.get(pk=review.pk).version
    # The restore stops just before it writes the old revision back; the save comes then.
    pause = Pause("restore")
    monkeypatch.setattr(Revision, "revert", pause.before(Revision.revert))

    restoring = started(lambda: restorer.post(restore_url, restore_data), "restore")
    pause.wait_until_reached()
    saved = started(lambda: saver.post(change_url(review), save_data), "save").result()
    pause.go.set()
    restored = restoring.result()

    assert restored.status_code == 302
    assert saved.status_code == 200
    page = saved.content.decode()
    assert "Not saved: other-editor saved this review while you were editing it" in page
    assert escape(SAVED_TEXT) in page  # the refused text is still in the form
    review.refresh_from_db()
    assert review.body == FIRST_TEXT
    assert review.version == version + 1  # one successful write, one step


def test_a_restore_made_while_a_save_is_under_way_waits_and_is_refused(
    review_with_history, editor, other_editor, monkeypatch
):
    review, first = review_with_history
    saver, restorer = client_for(editor), client_for(other_editor)
    restore_url, save_data, restore_data = _forms(review, first, saver, restorer)
    version = Review.objects.get(pk=review.pk).version
    # The save stops just before it writes the review; the restore comes then.
    pause = Pause("save")
    monkeypatch.setattr(Review, "save", pause.before(Review.save))

    saving = started(lambda: saver.post(change_url(review), save_data), "save")
    pause.wait_until_reached()
    restored = started(lambda: restorer.post(restore_url, restore_data), "restore").result()
    pause.go.set()
    saved = saving.result()

    assert saved.status_code == 302
    assert restored.status_code == 200
    assert "Not saved: editor saved this review while you were editing it" in (
        restored.content.decode()
    )
    review.refresh_from_db()
    assert review.body == SAVED_TEXT
    assert review.version == version + 1
