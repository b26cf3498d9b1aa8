"""Admin saves meeting other writes: a clear answer on the page, never a 500."""

import contextlib

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from reviews.admin import saving
from reviews.admin import stills as admin_module
from reviews.admin.forms import STILL_GONE
from reviews.admin.times import zoned
from reviews.models import Film, Photo, Review, ReviewStill
from reviews.transactions import WriteBusy
from tests import factories
from tests.admin_forms import form_data
from tests.concurrency import Meeting, Pause, shared_database, started  # noqa: F401 (a fixture)


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


# Two new objects with one slug ------------------------------------------------------------


def _both_at_once(model, posts: dict, monkeypatch) -> dict:
    """Each post in a thread of its own (named by its key), both past their form's checks
    before either writes; their responses by name."""
    meeting = Meeting(*posts)
    monkeypatch.setattr(model, "save", meeting.before(model.save))
    workers = {name: started(post, name) for name, post in posts.items()}
    return {name: worker.result() for name, worker in workers.items()}


def _one_saved_one_told(responses: dict, error: str) -> str:
    """The name of the post that was saved; the other one was answered ``error``."""
    saved = [name for name, response in responses.items() if response.status_code == 302]
    told = [name for name, response in responses.items() if response.status_code == 200]
    assert len(saved) == len(told) == 1, {n: r.status_code for n, r in responses.items()}
    page = responses[told[0]].content.decode()
    assert error in page
    assert told[0] in page  # what they typed is still in the form
    return saved[0]


@pytest.mark.usefixtures("shared_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_new_reviews_with_one_slug_at_once_one_is_told_the_slug_is_taken(editor, monkeypatch):
    film, critic = factories.FilmFactory(), factories.CriticFactory()
    url = reverse("admin:reviews_review_add")
    forms = {}
    for name in ("first-headline", "second-headline"):
        client = client_for(editor)
        data = form_data(client.get(url)) | {
            "film": str(film.pk),
            "critic": str(critic.pk),
            "headline": name,
            "slug": "la-la-land-review",
            "body": "<p>A paragraph.</p>",
        }
        forms[name] = (client, data)
    posts = {name: (lambda c=c, d=d: c.post(url, d)) for name, (c, d) in forms.items()}

    responses = _both_at_once(Review, posts, monkeypatch)

    saved = _one_saved_one_told(responses, "Review with this Slug already exists.")
    assert list(Review.objects.values_list("headline", flat=True)) == [saved]


@pytest.mark.usefixtures("shared_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_new_films_with_one_slug_at_once_one_is_told_the_slug_is_taken(editor, monkeypatch):
    url = reverse("admin:reviews_film_add")
    forms = {}
    for name in ("First Title", "Second Title"):
        client = client_for(editor)
        forms[name] = (client, form_data(client.get(url)) | {"title": name, "slug": "la-la-land"})
    posts = {name: (lambda c=c, d=d: c.post(url, d)) for name, (c, d) in forms.items()}

    responses = _both_at_once(Film, posts, monkeypatch)

    saved = _one_saved_one_told(responses, "Film with this Slug already exists.")
    assert list(Film.objects.values_list("title", flat=True)) == [saved]


# A film's year ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["1850-06-01", "2301-01-01"])
def test_a_release_date_outside_the_accepted_years_with_no_year_is_a_field_error(editor, day):
    client = client_for(editor)
    url = reverse("admin:reviews_film_add")
    data = form_data(client.get(url)) | {
        "title": "Out of Time",
        "slug": "out-of-time",
        "release_date": day,
        "year": "",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["release_date"] == [
        "The release date must fall between 1870 and 2200 (the year is taken from it); "
        f"this one is in {int(day[:4])}."
    ]
    assert not Film.objects.exists()


@pytest.mark.django_db
def test_a_year_outside_the_accepted_years_is_a_field_error(editor):
    client = client_for(editor)
    url = reverse("admin:reviews_film_add")
    data = form_data(client.get(url)) | {"title": "Old", "slug": "old", "year": "1600"}

    response = client.post(url, data)

    assert response.context["adminform"].form.errors["year"] == [
        "The year must be between 1870 and 2200."
    ]


# A still deleted on the desk while an editor places it -------------------------------------


@pytest.fixture
def placing(editor, photo_desk):
    """A still, a review, the review's form placing the still, and the desk's client."""
    photo = factories.PhotoFactory(caption="Emma Stone as Mia.")
    review = factories.ReviewFactory()
    editor_client = client_for(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = form_data(editor_client.get(url)) | {
        "placements-TOTAL_FORMS": "1",
        "placements-0-photo": str(photo.pk),
        "placements-0-after_paragraph": "1",
        "placements-0-order": "0",
    }
    place = lambda: editor_client.post(url, data)  # noqa: E731
    desk = client_for(photo_desk)
    delete = lambda: desk.post(reverse("desk:still-delete", args=[photo.pk]))  # noqa: E731
    return photo, review, place, delete


@pytest.mark.usefixtures("shared_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_still_an_editor_is_placing_when_the_desk_deletes_it_is_refused_on_the_desk(
    placing, monkeypatch
):
    photo, review, place, delete = placing
    # The editor's save has checked the still and is about to place it.
    pause = Pause("editor")
    monkeypatch.setattr(ReviewStill, "save", pause.before(ReviewStill.save))

    placing_it = started(place, "editor")
    pause.wait_until_reached()
    deleted = started(delete, "desk").result()
    pause.go.set()
    placed = placing_it.result()

    assert placed.status_code == 302
    assert deleted.status_code == 302
    assert deleted["Location"] == reverse("desk:still-edit", args=[photo.pk])
    assert [str(m) for m in get_messages(deleted.wsgi_request)] == [
        "This still is placed in 1 review(s); take it out of them before deleting it."
    ]
    assert list(review.placements.values_list("photo", flat=True)) == [photo.pk]


@pytest.mark.django_db
def test_a_lead_still_deleted_before_the_review_is_saved_is_an_error_on_the_form(editor):
    photo = factories.PhotoFactory()
    review = factories.ReviewFactory()
    client = client_for(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = form_data(client.get(url)) | {"lead_still": str(photo.pk)}
    photo.delete()

    response = client.post(url, data)

    assert response.context["adminform"].form.errors["lead_still"] == [
        "This still has just been deleted from the photo library; choose another."
    ]


# Two workflow moves at once ---------------------------------------------------------------


@pytest.mark.usefixtures("shared_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_publishing_at_once_one_publishes_and_the_other_is_told(editor, monkeypatch):
    review = factories.ReviewFactory(complete=True)
    url = reverse("admin:reviews_review_workflow", args=[review.pk, "publish"])
    first, second = client_for(editor), client_for(editor)
    # The first move has read the review and is about to write it when the second comes.
    pause = Pause("first")
    monkeypatch.setattr(Review, "save", pause.before(Review.save))

    pressing = started(lambda: first.post(url), "first")
    pause.wait_until_reached()
    other = started(lambda: second.post(url), "second").result()
    pause.go.set()
    pressed = pressing.result()

    assert pressed.status_code == other.status_code == 302
    told = [str(m) for r in (pressed, other) for m in get_messages(r.wsgi_request)]
    published_at = Review.objects.get(pk=review.pk).published_at
    assert sorted(told) == [
        f"Publish now: the review is now published. Publication time: {zoned(published_at)}.",
        "“Publish now” is not possible: the review is published.",
    ]
    assert review.transitions.count() == 1


# A still deleted in the admin while an editor places it ------------------------------------


@pytest.fixture
def admin_deleting(placing, editor):
    """The same still and placement, deleted this time from the admin's delete page."""
    photo, review, place, _ = placing
    admin = client_for(editor)
    url = reverse("admin:reviews_photo_delete", args=[photo.pk])
    delete = lambda: admin.post(url, {"post": "yes"})  # noqa: E731
    return photo, review, place, delete


@pytest.mark.usefixtures("shared_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "deleting_from, gone_to",
    [("placing", "desk:library"), ("admin_deleting", "admin:reviews_photo_changelist")],
    ids=["on the desk", "in the admin"],
)
def test_a_still_deleted_while_an_editor_places_it_is_an_error_on_the_form(
    deleting_from, gone_to, request, monkeypatch
):
    photo, review, place, delete = request.getfixturevalue(deleting_from)
    # The desk or the admin has counted the still's placements (none) and is about to
    # delete it.
    pause = Pause("deleting")
    monkeypatch.setattr(Photo, "delete", pause.before(Photo.delete))

    deleting = started(delete, "deleting")
    pause.wait_until_reached()
    placed = started(place, "editor").result()
    pause.go.set()
    deleted = deleting.result()

    assert deleted.status_code == 302
    assert deleted["Location"] == reverse(gone_to)
    assert placed.status_code == 200
    assert STILL_GONE in placed.content.decode()
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not review.placements.exists()


@pytest.mark.usefixtures("shared_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_still_an_editor_is_placing_when_the_admin_deletes_it_is_kept_and_shown_in_use(
    admin_deleting, monkeypatch
):
    photo, review, place, delete = admin_deleting
    # The editor's save has checked the still and is about to place it.
    pause = Pause("editor")
    monkeypatch.setattr(ReviewStill, "save", pause.before(ReviewStill.save))

    placing_it = started(place, "editor")
    pause.wait_until_reached()
    deleted = started(delete, "admin").result()
    pause.go.set()
    placed = placing_it.result()

    assert placed.status_code == 302
    assert deleted.status_code == 200  # the confirmation page, naming what protects it
    page = deleted.content.decode()
    assert "would require deleting the following protected related objects" in page
    assert list(review.placements.values_list("photo", flat=True)) == [photo.pk]


@pytest.mark.django_db
def test_a_still_placed_after_the_admin_counted_its_placements_is_refused_on_its_page(
    editor, monkeypatch
):
    photo = factories.PhotoFactory(caption="Emma Stone as Mia.")
    admin = client_for(editor)
    # The placement lands between the admin's count and the deletion, as a race would.
    counted = admin_module.PhotoAdmin.get_deleted_objects

    def count_then_place(self, objs, request):
        found = counted(self, objs, request)
        factories.ReviewStillFactory(photo=photo)
        return found

    monkeypatch.setattr(admin_module.PhotoAdmin, "get_deleted_objects", count_then_place)
    response = admin.post(reverse("admin:reviews_photo_delete", args=[photo.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reviews_photo_change", args=[photo.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "This still is placed in 1 review(s); take it out of them before deleting it."
    ]
    assert Photo.objects.filter(pk=photo.pk).exists()


@pytest.mark.django_db
def test_a_bulk_deletion_with_a_still_placed_meanwhile_deletes_none_and_names_it(
    editor, monkeypatch
):
    kept, placed = (
        factories.PhotoFactory(caption="Unused."),
        factories.PhotoFactory(caption="Emma Stone as Mia."),
    )
    admin = client_for(editor)
    counted = admin_module.PhotoAdmin.get_deleted_objects

    def count_then_place(self, objs, request):
        found = counted(self, objs, request)
        factories.ReviewStillFactory(photo=placed)  # by an editor, after the count
        return found

    monkeypatch.setattr(admin_module.PhotoAdmin, "get_deleted_objects", count_then_place)
    url = reverse("admin:reviews_photo_changelist")
    response = admin.post(
        url,
        {"action": "delete_selected", "_selected_action": [kept.pk, placed.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nothing was deleted: “Emma Stone as Mia.”: This still is placed in 1 review(s); take "
        "it out of them before deleting it."
    ]
    assert set(Photo.objects.values_list("pk", flat=True)) == {kept.pk, placed.pk}
