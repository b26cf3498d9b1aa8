"""Two people editing one film, person or still from the same version: the second save is
refused with the other change shown, and neither change is lost."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from reviews.models import Film, Person, Photo
from tests import factories
from tests.admin_forms import form_data
from tests.concurrency import shared_database, started  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(obj) -> str:
    return reverse(f"admin:reviews_{obj._meta.model_name}_change", args=[obj.pk])


def two_forms(obj, user, other_user=None) -> tuple:
    """Two clients, each with the change form of ``obj`` as loaded now."""
    first, second = client_for(user), client_for(other_user or user)
    url = change_url(obj)
    return (first, form_data(first.get(url))), (second, form_data(second.get(url)))


CASES = {
    "film": (lambda: factories.FilmFactory(synopsis="As it was."), "synopsis", "title"),
    "person": (lambda: factories.PersonFactory(bio="As it was."), "bio", "name"),
    "still": (lambda: factories.PhotoFactory(caption="As it was."), "caption", "alt_text"),
}


@pytest.mark.parametrize("kind", CASES)
def test_the_second_of_two_admin_saves_from_one_version_is_refused_showing_the_first(
    kind, editor, photo_desk
):
    make, first_field, second_field = CASES[kind]
    obj = make()
    model = type(obj)
    # The photo desk saves stills first; only the editor may change films and people.
    first_user = photo_desk if kind == "still" else editor
    (first, first_data), (second, second_data) = two_forms(obj, first_user, editor)
    url = change_url(obj)

    saved = first.post(url, first_data | {first_field: "Words of the first."})
    refused = second.post(url, second_data | {second_field: "Words of the second."})

    assert saved.status_code == 302
    assert refused.status_code == 200
    form = refused.context["adminform"].form
    who = "photodesk" if kind == "still" else "editor"
    noun = model._meta.verbose_name
    assert form.non_field_errors() == [
        f"Not saved: {who} saved this {noun} while you were editing it (your copy is version "
        f"1, the saved one is version 2). Nothing was overwritten. Your changes are still in "
        f"the form below: copy what you need, reload the {noun} and apply your changes to the "
        "saved version."
    ]
    changes = {c["name"]: (c["before"], c["after"]) for c in form.conflict["changes"]}
    assert changes[first_field] == ("Words of the first.", "As it was.")
    assert changes[second_field][1] == "Words of the second."
    page = refused.content.decode()
    assert 'id="edit-conflict"' in page and f"Saved by {who}" in page
    assert "Words of the second." in page  # still in the form
    stored = model.objects.get(pk=obj.pk)
    assert getattr(stored, first_field) == "Words of the first."
    assert getattr(stored, second_field) != "Words of the second."
    assert stored.version == 2

    # Reloaded, the second one's change goes in on top of the first.
    again = form_data(second.get(url)) | {second_field: "Words of the second."}
    assert second.post(url, again).status_code == 302
    stored = model.objects.get(pk=obj.pk)
    assert getattr(stored, first_field) == "Words of the first."
    assert getattr(stored, second_field) == "Words of the second."
    assert stored.version == 3


@pytest.mark.parametrize("model", [Film, Person, Photo])
def test_a_change_form_without_its_version_is_refused(model, editor):
    obj = {Film: factories.FilmFactory, Person: factories.PersonFactory,
           Photo: factories.PhotoFactory}[model]()  # fmt: skip
    client = client_for(editor)
    data = form_data(client.get(change_url(obj)))
    del data["loaded_version"]

    response = client.post(change_url(obj), data)

    assert response.status_code == 200
    [error] = response.context["adminform"].form.non_field_errors()
    assert error.startswith("This form does not say which version of the")
    assert model.objects.get(pk=obj.pk).version == 1


@pytest.mark.usefixtures("shared_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_film_saves_at_the_same_moment_one_is_saved_and_the_other_refused(editor):
    film = factories.FilmFactory(synopsis="As it was.")
    (first, first_data), (second, second_data) = two_forms(film, editor)
    url = change_url(film)
    posts = {
        "first": lambda: first.post(url, first_data | {"synopsis": "First."}),
        "second": lambda: second.post(url, second_data | {"synopsis": "Second."}),
    }

    workers = {name: started(post, name) for name, post in posts.items()}
    responses = {name: worker.result() for name, worker in workers.items()}

    codes = sorted(r.status_code for r in responses.values())
    assert codes == [200, 302]
    [winner] = [name for name, r in responses.items() if r.status_code == 302]
    [loser] = [r for r in responses.values() if r.status_code == 200]
    assert "Nothing was overwritten." in loser.content.decode()
    film.refresh_from_db()
    assert film.synopsis == {"first": "First.", "second": "Second."}[winner]
    assert film.version == 2


def test_restoring_a_film_revision_after_another_save_is_refused_and_continues_the_version(
    editor,
):
    film = factories.FilmFactory(title="Whiplash", synopsis="The first synopsis.")
    client = client_for(editor)
    url = change_url(film)
    assert client.post(url, form_data(client.get(url))).status_code == 302  # revision 1
    older = Version.objects.get_for_object(film).get()
    data = form_data(client.get(url)) | {"synopsis": "The second synopsis."}
    assert client.post(url, data).status_code == 302
    revision_url = reverse("admin:reviews_film_revision", args=[film.pk, older.pk])
    shown = client_for(editor).get(revision_url)
    restore = form_data(shown)
    # Someone saves the film while the revision is on screen.
    other = client_for(editor)
    data = form_data(other.get(url)) | {"synopsis": "A third synopsis, saved meanwhile."}
    assert other.post(url, data).status_code == 302

    refused = client.post(revision_url, restore)

    assert refused.status_code == 200
    assert "Nothing was overwritten." in refused.content.decode()
    film.refresh_from_db()
    assert (film.synopsis, film.version) == ("A third synopsis, saved meanwhile.", 4)

    restored = client.post(revision_url, form_data(client.get(revision_url)))

    assert restored.status_code == 302
    film.refresh_from_db()
    assert (film.synopsis, film.version) == ("The first synopsis.", 5)  # never back to 2


# The desk's still page -----------------------------------------------------------------------


def desk_data(response) -> dict:
    form = response.context["form"]
    data = {}
    for bound in form:
        value = bound.value()
        data[bound.html_name] = "" if value is None else str(value)
    return data


def test_the_second_of_two_desk_saves_of_a_still_is_refused_showing_the_first(photo_desk, editor):
    photo = factories.PhotoFactory(caption="As it was.", alt_text="A piano.")
    url = reverse("desk:still-edit", args=[photo.pk])
    first, second = client_for(photo_desk), client_for(editor)
    first_data, second_data = desk_data(first.get(url)), desk_data(second.get(url))

    saved = first.post(url, first_data | {"caption": "Emma Stone as Mia."})
    refused = second.post(url, second_data | {"alt_text": "A woman at a piano."})

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Not saved: photodesk saved this still while you were editing it" in page
    assert 'id="edit-conflict"' in page and "Saved by photodesk" in page
    assert "+As it was." in page and "-Emma Stone as Mia." in page
    assert 'value="A woman at a piano."' in page  # still in the form
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text, photo.version) == ("Emma Stone as Mia.", "A piano.", 2)


def test_a_desk_save_refuses_a_still_changed_in_the_admin_meanwhile(photo_desk, editor):
    photo = factories.PhotoFactory(caption="As it was.")
    desk_url = reverse("desk:still-edit", args=[photo.pk])
    desk = client_for(photo_desk)
    loaded = desk_data(desk.get(desk_url))
    admin = client_for(editor)
    data = form_data(admin.get(change_url(photo))) | {"caption": "Changed in the admin."}
    assert admin.post(change_url(photo), data).status_code == 302

    refused = desk.post(desk_url, loaded | {"credit_line": "Lionsgate"})

    assert refused.status_code == 200
    assert "Not saved: editor saved this still while you were editing it" in (
        refused.content.decode()
    )
    photo.refresh_from_db()
    assert photo.caption == "Changed in the admin." and photo.credit_line != "Lionsgate"
