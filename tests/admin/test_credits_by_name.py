"""A credit's person is chosen from the list or added by name in the row: no pop-up."""

import pytest

from reviews.models import Credit, Film, Person
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


def with_credit(client, film, person: str, **fields) -> dict:
    url = admin_url(Film, "change", film)
    return form_data(client.get(url)) | {
        "credits-0-person": person, "credits-0-role": "director", "credits-0-billing": "1",
    } | fields  # fmt: skip


def test_a_person_named_in_the_row_is_made_with_the_film(client, editor):
    film = factories.FilmFactory(title="Past Lives")
    client.force_login(editor)
    response = client.post(
        admin_url(Film, "change", film), with_credit(client, film, "new:  Céline   Song ")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get()
    assert (person.name, person.slug) == ("Céline Song", "celine-song")
    assert Credit.objects.get().person == person


def test_a_name_someone_already_has_is_that_person(client, editor):
    known = factories.PersonFactory(name="Greta Lee", slug="greta-lee")
    film = factories.FilmFactory()
    client.force_login(editor)
    client.post(admin_url(Film, "change", film), with_credit(client, film, "new:Greta Lee"))
    assert list(Person.objects.all()) == [known]
    assert Credit.objects.get().person == known


@pytest.mark.parametrize(
    ("typed", "said"),
    [("new:   ", "Type the new person's name."), ("new:" + "x" * 201, "at most 200 characters")],
)
def test_a_bad_name_is_a_message_on_the_row(client, editor, typed, said):
    film = factories.FilmFactory()
    client.force_login(editor)
    response = client.post(admin_url(Film, "change", film), with_credit(client, film, typed))
    assert response.status_code == 200
    assert said in str(response.context["inline_admin_formsets"][0].formset.errors)
    assert not Person.objects.exists()


def test_a_refused_film_form_keeps_the_new_name_and_makes_no_one(client, editor):
    film = factories.FilmFactory()
    client.force_login(editor)
    data = with_credit(client, film, "new:Céline Song", running_time="-5")
    response = client.post(admin_url(Film, "change", film), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="new:Céline Song" selected>Céline Song (new)</option>' in page
    assert not Person.objects.exists() and not Credit.objects.exists()


def test_the_person_field_opens_no_pop_up_window(client, editor, critic_user):
    film = factories.FilmFactory()
    for user in (editor, critic_user):
        client.force_login(user)
        page = client.get(admin_url(Film, "add")).content.decode()
        assert 'data-new-person="new:"' in page
        assert "add_id_credits-0-person" not in page
        assert "change_id_credits-0-person" not in page
    client.force_login(editor)
    assert (
        "add_id_credits-0-person"
        not in client.get(admin_url(Film, "change", film)).content.decode()
    )


def test_a_critic_adds_a_film_with_a_new_person(client, critic_user):
    client.force_login(critic_user)
    response = client.post(admin_url(Film, "add"), {
        "title": "Aftersun", "slug": "aftersun",
        "credits-TOTAL_FORMS": "1", "credits-INITIAL_FORMS": "0",
        "credits-0-person": "new:Charlotte Wells", "credits-0-role": "director",
        "credits-0-billing": "1",
        "stills-TOTAL_FORMS": "0", "stills-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Film.objects.get().credits.get().person.name == "Charlotte Wells"


def test_two_rows_naming_one_new_person_make_one_person(client, editor):
    film = factories.FilmFactory()
    client.force_login(editor)
    data = with_credit(client, film, "new:Céline Song") | {
        "credits-TOTAL_FORMS": "2", "credits-1-person": "new:Céline Song",
        "credits-1-role": "screenwriter", "credits-1-billing": "1",
    }  # fmt: skip
    response = client.post(admin_url(Film, "change", film), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get()
    roles = Credit.objects.filter(person=person).values_list("role", flat=True)
    assert sorted(roles) == ["director", "screenwriter"]
