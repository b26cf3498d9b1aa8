"""Restoring a revision: while someone saves, one of the two is refused and nothing is lost;
and a restore never undoes what its user could not have undone by hand."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from reversion.models import Revision, Version

from reviews.editorial import workflow
from reviews.editorial.people import merge_people
from reviews.models import Correction, Review
from tests import factories
from tests.admin_forms import form_data
from tests.concurrency import Pause, shared_database, started  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
race = pytest.mark.usefixtures("shared_database")

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
    review = factories.ReviewFactory(complete=True, body=FIRST_TEXT)
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


@race
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


@race
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


# What a restore may not undo --------------------------------------------------------------

CORRECTION = "An earlier version of this review misspelled the director's name."


def _add_correction(client: Client, review: Review, text: str) -> None:
    data = form_data(client.get(change_url(review))) | {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-text": text,
        # Yesterday: a correction is never dated ahead, and today's 08:00 may be still to come.
        "corrections-0-published_at_0": (
            timezone.localdate() - datetime.timedelta(days=1)
        ).isoformat(),
        "corrections-0-published_at_1": "08:00:00",
    }
    assert client.post(change_url(review), data).status_code == 302


def _restore(client: Client, review: Review, version: Version):
    url = reverse("admin:reviews_review_revision", args=[review.pk, version.pk])
    shown = client.get(url)
    assert shown.status_code == 200
    return shown, client.post(url, form_data(shown))


@pytest.fixture
def corrected_draft(editor, critic_user):
    """A critic's review, saved by them, then published, corrected by an editor, unpublished
    and sent back: a draft of the critic's again, and the revision from before the
    correction."""
    review = factories.ReviewFactory(complete=True, critic=critic_user.critic, body=FIRST_TEXT)
    critic = client_for(critic_user)
    data = form_data(critic.get(change_url(review)))
    assert critic.post(change_url(review), data).status_code == 302
    before = Version.objects.get_for_object(review).get()
    workflow.apply_action(review, "submit", critic_user)
    workflow.apply_action(review, "publish", editor)
    _add_correction(client_for(editor), review, CORRECTION)
    workflow.apply_action(review, "unpublish", editor)
    workflow.apply_action(review, "send_back", editor)
    return review, before


def test_a_critic_restoring_an_older_revision_keeps_the_correction_an_editor_added(
    corrected_draft, critic_user
):
    review, before = corrected_draft
    critic = client_for(critic_user)
    body = "<p>The critic rewrote it after it came back.</p>"
    data = form_data(critic.get(change_url(review))) | {"body": body}
    assert critic.post(change_url(review), data).status_code == 302

    shown, restored = _restore(critic, review, before)

    assert escape(CORRECTION) in shown.content.decode()  # the form shows it will stay
    assert restored.status_code == 302
    review.refresh_from_db()
    assert review.body == FIRST_TEXT  # the text came back ...
    assert list(review.corrections.values_list("text", flat=True)) == [CORRECTION]  # ... and
    # the correction stayed, in the new revision too.
    latest = Version.objects.get_for_object(review).first()
    assert CORRECTION in [v.field_dict.get("text") for v in latest.revision.version_set.all()]


def test_a_critic_restoring_cannot_bring_back_a_corrections_older_wording(
    corrected_draft, editor, critic_user
):
    review, _ = corrected_draft
    correction = review.corrections.get()
    editor_client = client_for(editor)
    data = form_data(editor_client.get(change_url(review)))
    assert editor_client.post(change_url(review), data).status_code == 302
    with_first_wording = Version.objects.get_for_object(review).first()
    data = form_data(editor_client.get(change_url(review)))
    data["corrections-0-text"] = "An earlier version misspelled the director's name as Chazel."
    assert editor_client.post(change_url(review), data).status_code == 302

    _, restored = _restore(client_for(critic_user), review, with_first_wording)

    assert restored.status_code == 302
    assert Correction.objects.get(pk=correction.pk).text == data["corrections-0-text"]


def test_an_editor_restoring_a_revision_of_a_once_published_review_keeps_its_corrections(
    corrected_draft, editor
):
    review, before = corrected_draft

    _, restored = _restore(client_for(editor), review, before)

    assert restored.status_code == 302
    assert list(review.corrections.values_list("text", flat=True)) == [CORRECTION]


def test_a_restore_still_takes_out_stills_placed_since(editor):
    review = factories.ReviewFactory(complete=True)
    client = client_for(editor)
    assert client.post(change_url(review), form_data(client.get(change_url(review)))).status_code
    before = Version.objects.get_for_object(review).get()
    factories.ReviewStillFactory(review=review)
    assert client.post(change_url(review), form_data(client.get(change_url(review)))).status_code

    _, restored = _restore(client, review, before)

    assert restored.status_code == 302
    assert not review.placements.exists()  # the editor could have taken it out by hand


# A restore that refers to what is gone ----------------------------------------------------


def test_restoring_a_film_revision_whose_person_was_merged_away_says_so_and_changes_nothing(
    editor,
):
    film = factories.FilmFactory(title="Whiplash")
    keep = factories.PersonFactory(name="J.K. Simmons", slug="jk-simmons")
    duplicate = factories.PersonFactory(name="JK Simmons", slug="jk-simmons-2")
    factories.CreditFactory(film=film, person=duplicate, character="Fletcher")
    client = client_for(editor)
    url = reverse("admin:reviews_film_change", args=[film.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    older = Version.objects.get_for_object(film).get()
    assert client.post(url, form_data(client.get(url)) | {"title": "Whiplash!"}).status_code
    merge_people(keep, [duplicate])
    revision_url = reverse("admin:reviews_film_revision", args=[film.pk, older.pk])
    history_url = reverse("admin:reviews_film_history", args=[film.pk])

    shown = client.get(revision_url)
    posted = client.post(revision_url, {"title": "Whiplash"})

    for response in (shown, posted):
        assert response.status_code == 302
        assert response["Location"] == history_url
    refusal = (
        "This revision cannot be restored: it names people who have since been merged into "
        "another person or deleted (JK Simmons as Fletcher). Nothing was changed; edit the "
        "film by hand instead."
    )
    messages = [str(m) for m in get_messages(posted.wsgi_request)]
    assert messages.count(refusal) == 2  # on showing the revision, and on posting it
    film.refresh_from_db()
    assert film.title == "Whiplash!"
    assert list(film.credits.values_list("person__name", "character")) == [
        ("J.K. Simmons", "Fletcher")
    ]


def test_restoring_a_review_revision_whose_lead_still_was_deleted_says_so(editor):
    still = factories.PhotoFactory(caption="Emma Stone as Mia.")
    review = factories.ReviewFactory(headline="A dream", lead_still=still)
    client = client_for(editor)
    assert client.post(change_url(review), form_data(client.get(change_url(review)))).status_code
    older = Version.objects.get_for_object(review).get()
    Review.objects.filter(pk=review.pk).update(lead_still=None)
    still.delete()
    url = reverse("admin:reviews_review_revision", args=[review.pk, older.pk])

    response = client.post(url, {"headline": "A dream"})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "This revision cannot be restored: it names stills that have since been deleted "
        "(A dream). Nothing was changed; edit the review by hand instead."
    )
