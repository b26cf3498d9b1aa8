"""The admin's own forms: a review saved over a newer version is refused with nothing lost,
and a correction dated absurdly far ahead is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from reviews.editorial import workflow
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import review_change_url

pytestmark = pytest.mark.django_db


def test_second_of_two_editors_saving_the_same_review_is_refused_and_both_texts_survive(
    editor, critic_user
):
    review = factories.ReviewFactory(
        critic=critic_user.critic, body="<p>The opening paragraph.</p>"
    )
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(critic_user)
    first_data = form_data(first.get(review_change_url(review)))
    second_data = form_data(second.get(review_change_url(review)))
    assert first_data["loaded_version"] == second_data["loaded_version"] == str(review.version)

    first_data["body"] = "<p>The editor's tightened opening.</p>"
    assert first.post(review_change_url(review), first_data).status_code == 302

    second_data["body"] = "<p>The critic's new opening, written at the same time.</p>"
    second_data["headline"] = "The critic's headline"
    response = second.post(review_change_url(review), second_data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Not saved: editor saved this review while you were editing it" in page
    assert "Nothing was overwritten." in page
    assert response.context["adminform"].form.conflict["by"] == editor
    changed = [c["name"] for c in response.context["adminform"].form.conflict["changes"]]
    assert changed == ["headline", "body"]  # the critic's form has no byline to compare
    # The other person's change is shown next to the refused one ...
    conflict = page[page.index('id="edit-conflict"') :]
    assert "-&lt;p&gt;The editor&#x27;s tightened opening.&lt;/p&gt;" in conflict
    assert (
        "+&lt;p&gt;The critic&#x27;s new opening, written at the same time.&lt;/p&gt;" in conflict
    )
    # ... the refused text is still in the form to copy ...
    form = response.context["adminform"].form
    assert form["body"].value() == "<p>The critic's new opening, written at the same time.</p>"
    assert form["headline"].value() == "The critic's headline"
    # ... and the saved one is the first editor's, untouched.
    review.refresh_from_db()
    assert review.body == "<p>The editor's tightened opening.</p>"
    assert review.headline != "The critic's headline"


def test_saving_after_reloading_the_latest_version_succeeds(client, editor):
    review = factories.ReviewFactory()
    client.force_login(editor)
    data = form_data(client.get(review_change_url(review)))
    data["headline"] = "Once"
    assert client.post(review_change_url(review), data).status_code == 302
    data = form_data(client.get(review_change_url(review)))
    data["headline"] = "Twice"
    assert client.post(review_change_url(review), data).status_code == 302
    review.refresh_from_db()
    assert review.headline == "Twice"
    assert review.version == 3


def test_a_workflow_move_while_editing_also_refuses_the_stale_form(client, editor):
    review = factories.ReviewFactory(complete=True)
    client.force_login(editor)
    data = form_data(client.get(review_change_url(review)))
    workflow.apply_action(review, "submit", editor)
    data["headline"] = "Stale"
    response = client.post(review_change_url(review), data)
    assert response.status_code == 200
    assert "saved this review while you were editing it" in response.content.decode()


def test_a_form_without_its_version_is_refused_with_a_message(client, editor):
    review = factories.ReviewFactory(complete=True)
    client.force_login(editor)
    data = form_data(client.get(review_change_url(review)))
    del data["loaded_version"]
    response = client.post(review_change_url(review), data)
    assert response.status_code == 200
    assert "does not say which version of the review it was loaded with" in (
        response.content.decode()
    )


def test_a_correction_dated_in_year_9999_is_refused_with_a_message_not_a_500(client, editor):
    review = factories.ReviewFactory(published=True)
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = form_data(client.get(url)) | {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-text": "A correction.",
        "corrections-0-published_at_0": "9999-12-31",
        "corrections-0-published_at_1": "23:59:00",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert "A correction cannot be dated in the future" in response.content.decode()
    assert not review.corrections.exists()
