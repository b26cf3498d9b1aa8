"""Revisions in the admin: compared, restored exactly, recovered, each only through its own
object's admin."""

import pytest
from django.urls import reverse
from reversion.models import Version

from reviews.editorial import deletion, workflow
from reviews.models import Correction, Film, Review, ReviewStatus
from tests import factories
from tests.admin_forms import form_data, post_change_form
from tests.helpers import review_change_url

pytestmark = pytest.mark.django_db


def content_of(review: Review) -> dict:
    """Everything an editor wrote in a review, including its stills and corrections."""
    review = Review.objects.get(pk=review.pk)
    return {
        "fields": {
            name: getattr(review, name)
            for name in ["headline", "slug", "dek", "body", "rating", "film_id", "critic_id"]
        }
        | {"lead_still_id": review.lead_still_id},
        "stills": sorted(
            review.placements.values_list("photo_id", "after_paragraph", "order"), key=str
        ),
        "corrections": list(review.corrections.values_list("text", "published_at")),
    }


def test_workflow_moves_keep_a_revision_too(client, editor):
    review = factories.ReviewFactory(complete=True)
    client.force_login(editor)
    client.post(reverse("admin:reviews_review_workflow", args=[review.pk, "publish"]))
    version = Version.objects.get_for_object(review).get()
    assert version.field_dict["status"] == ReviewStatus.PUBLISHED
    assert version.revision.get_comment() == "Publish now."


def test_restoring_a_revision_gives_back_exactly_the_old_content(client, editor):
    review = factories.ReviewFactory(
        published=True, dek="The first dek.", lead_still=factories.PhotoFactory()
    )
    factories.ReviewStillFactory(review=review, after_paragraph=1)
    factories.CorrectionFactory(review=review, text="The first correction.")
    client.force_login(editor)
    # Revision 1: saved through the admin as it stands.
    assert client.post(
        review_change_url(review), form_data(client.get(review_change_url(review)))
    ).status_code
    old = content_of(review)
    old_revision = Version.objects.get_for_object(review).get()

    # Revision 2: everything changes, a still is added, the correction is edited.
    data = form_data(client.get(review_change_url(review)))
    data |= {
        "headline": "A different headline",
        "dek": "Another dek.",
        "body": "<p>Rewritten.</p>",
        "rating": "1.0",
        "corrections-0-text": "Edited correction.",
        "placements-TOTAL_FORMS": "2",
        "placements-1-photo": str(factories.PhotoFactory().pk),
        "placements-1-after_paragraph": "0",
        "placements-1-order": "0",
    }
    assert client.post(review_change_url(review), data).status_code == 302
    assert content_of(review) != old
    workflow.apply_action(review, "unpublish", editor)
    review.refresh_from_db()
    version_before = review.version

    # Restore revision 1 through the history page.
    revision_url = reverse("admin:reviews_review_revision", args=[review.pk, old_revision.pk])
    shown = client.get(revision_url)
    assert shown.status_code == 200
    assert content_of(review) != old  # showing a revision changes nothing
    response = client.post(revision_url, form_data(shown))
    assert response.status_code == 302

    assert content_of(review) == old
    review.refresh_from_db()
    # The workflow state is not content: restoring leaves it, and the version moves on.
    assert review.status == ReviewStatus.UNPUBLISHED
    assert review.version == version_before + 1


def test_restoring_a_revision_cannot_publish_for_a_critic(client, editor, critic_user):
    review = factories.ReviewFactory(complete=True, critic=critic_user.critic)
    client.force_login(editor)
    client.post(reverse("admin:reviews_review_workflow", args=[review.pk, "publish"]))
    published_revision = Version.objects.get_for_object(review).get()
    workflow.apply_action(review, "unpublish", editor)
    client.force_login(critic_user)
    url = reverse("admin:reviews_review_revision", args=[review.pk, published_revision.pk])
    # Not while it is the desk's ...
    assert client.post(url, {}).status_code == 403
    # ... and once sent back to the critic, restoring brings the text, not the state.
    workflow.apply_action(review, "send_back", editor)
    assert client.post(url, form_data(client.get(url))).status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT
    assert not Review.objects.published().filter(pk=review.pk).exists()


def test_history_compares_two_revisions(client, editor):
    review = factories.ReviewFactory(headline="Old headline")
    client.force_login(editor)
    for headline in ["Old headline", "New headline"]:
        data = form_data(client.get(review_change_url(review))) | {"headline": headline}
        client.post(review_change_url(review), data)
    newer, older = Version.objects.get_for_object(review)
    history = client.get(reverse("admin:reviews_review_history", args=[review.pk]))
    assert "Compare two revisions" in history.content.decode()
    compare = reverse("admin:reviews_review_compare", args=[review.pk])
    page = client.get(compare, {"a": older.pk, "b": newer.pk}).content.decode()
    assert "-Old headline" in page and "+New headline" in page
    assert client.get(compare, {"a": older.pk, "b": "nope"}).status_code == 404


def test_film_history_compares_and_restores(client, editor):
    film = factories.FilmFactory(title="First title")
    url = reverse("admin:reviews_film_change", args=[film.pk])
    client.force_login(editor)
    for title in ["First title", "Second title"]:
        client.post(url, form_data(client.get(url)) | {"title": title})
    newer, older = Version.objects.get_for_object(film)
    compare = reverse("admin:reviews_film_compare", args=[film.pk])
    page = client.get(compare, {"a": older.pk, "b": newer.pk}).content.decode()
    assert "-First title" in page and "+Second title" in page
    revision_url = reverse("admin:reviews_film_revision", args=[film.pk, older.pk])
    client.post(revision_url, form_data(client.get(revision_url)))
    assert Film.objects.get(pk=film.pk).title == "First title"


def test_deleted_review_is_recovered_by_an_editor_as_a_draft(client, editor, critic_user):
    review = factories.ReviewFactory(
        complete=True, critic=critic_user.critic, headline="Back Again"
    )
    client.force_login(editor)
    client.post(review_change_url(review), form_data(client.get(review_change_url(review))))
    workflow.apply_action(review, "publish", editor)
    pk = review.pk
    deletion.delete_review(review, editor)
    version = Version.objects.get_deleted(Review).get()
    url = reverse("admin:reviews_review_recover", args=[version.pk])

    client.force_login(critic_user)
    assert client.get(reverse("admin:reviews_review_recoverlist")).status_code == 403
    assert client.get(url).status_code == 403

    client.force_login(editor)
    assert "Back Again" in client.get(reverse("admin:reviews_review_recoverlist")).content.decode()
    assert client.post(url, form_data(client.get(url))).status_code == 302
    recovered = Review.objects.get(pk=pk)
    assert (recovered.headline, recovered.status) == ("Back Again", ReviewStatus.DRAFT)
    assert recovered.published_at is None


def test_comparing_revisions_shows_workflow_moves(client, editor):
    review = factories.ReviewFactory(complete=True)
    client.force_login(editor)
    for action in ["submit", "publish"]:
        client.post(reverse("admin:reviews_review_workflow", args=[review.pk, action]))
    newer, older = Version.objects.get_for_object(review)
    compare = reverse("admin:reviews_review_compare", args=[review.pk])
    page = client.get(compare, {"a": older.pk, "b": newer.pk}).content.decode()
    assert "-in_review" in page and "+published" in page


def test_critic_cannot_see_the_history_of_another_critics_review(client, editor, critic_user):
    theirs = factories.ReviewFactory(headline="Old headline")
    client.force_login(editor)
    for headline in ["Old headline", "Their review"]:
        client.post(
            review_change_url(theirs),
            form_data(client.get(review_change_url(theirs))) | {"headline": headline},
        )
    version = Version.objects.get_for_object(theirs).last()
    assert version.field_dict["headline"] == "Old headline"
    client.force_login(critic_user)
    history = client.get(reverse("admin:reviews_review_history", args=[theirs.pk]))
    assert history.status_code == 302
    compare = reverse("admin:reviews_review_compare", args=[theirs.pk])
    assert client.get(compare, {"a": version.pk, "b": version.pk}).status_code == 404
    revision = reverse("admin:reviews_review_revision", args=[theirs.pk, version.pk])
    response = client.post(revision, {"headline": "Mine now"})
    theirs.refresh_from_db()
    assert theirs.headline == "Their review"
    assert response.status_code in {302, 403, 404}


def test_critic_cannot_restore_a_film_revision(client, editor, critic_user):
    film = factories.FilmFactory(title="First title")
    url = reverse("admin:reviews_film_change", args=[film.pk])
    client.force_login(editor)
    for title in ["First title", "Second title"]:
        client.post(url, form_data(client.get(url)) | {"title": title})
    older = Version.objects.get_for_object(film).last()
    client.force_login(critic_user)
    revision = reverse("admin:reviews_film_revision", args=[film.pk, older.pk])
    assert client.post(revision, {"title": "First title"}).status_code == 403
    assert Film.objects.get(pk=film.pk).title == "Second title"


def test_critic_cannot_restore_a_film_revision_through_their_own_reviews_address(
    client, editor, critic_user
):
    film = factories.FilmFactory(pk=SHARED_ID, title="First title")
    mine = factories.ReviewFactory(pk=SHARED_ID, critic=critic_user.critic)
    client.force_login(editor)
    for title in ["First title", "Second title"]:
        post_change_form(client, film, title=title)
    older = Version.objects.get_for_object(film).last()

    client.force_login(critic_user)
    own_form = form_data(client.get(reverse("admin:reviews_review_change", args=[mine.pk])))
    url = reverse("admin:reviews_review_revision", args=[mine.pk, older.pk])
    assert client.post(url, own_form).status_code == 404
    assert Film.objects.get(pk=film.pk).title == "Second title"


def test_critic_cannot_revert_another_critics_published_review_through_a_correction_version(
    client, editor, critic_user
):
    theirs = factories.ReviewFactory(published=True, headline="Old words")
    Correction.objects.create(pk=SHARED_ID, review=theirs, text="An earlier version erred.")
    client.force_login(editor)
    post_change_form(client, theirs, headline="Old words")
    post_change_form(client, theirs, headline="Corrected words")
    older = Version.objects.get_for_object(theirs).last()
    correction_version = older.revision.version_set.get(object_id=str(SHARED_ID))
    mine = factories.ReviewFactory(pk=SHARED_ID, critic=critic_user.critic)

    client.force_login(critic_user)
    own_form = form_data(client.get(reverse("admin:reviews_review_change", args=[mine.pk])))
    url = reverse("admin:reviews_review_revision", args=[mine.pk, correction_version.pk])
    assert client.post(url, own_form).status_code == 404
    assert Review.objects.get(pk=theirs.pk).headline == "Corrected words"


def test_recovering_takes_only_a_deleted_object_of_the_admins_own_model(client, editor):
    client.force_login(editor)
    review = factories.ReviewFactory(published=True, headline="Gone review")
    post_change_form(client, review)
    deletion.delete_review(review, editor)
    film = factories.FilmFactory(title="Gone film")
    post_change_form(client, film)
    film.delete()
    review_version = Version.objects.get_deleted(Review).get()
    film_version = Version.objects.get_deleted(Film).get()

    for admin_name, version in [("film", review_version), ("review", film_version)]:
        url = reverse(f"admin:reviews_{admin_name}_recover", args=[version.pk])
        assert client.get(url).status_code == 404
    assert not Review.objects.filter(headline="Gone review").exists()
    assert not Film.objects.filter(title="Gone film").exists()
    # Each still comes back through its own admin.
    url = reverse("admin:reviews_film_recover", args=[film_version.pk])
    assert client.get(url).status_code == 200


SHARED_ID = 4242
