"""Who may create films and people, what a refusal looks like, and what a critic sees of a
review once it is the desk's."""

import pytest
from django.urls import reverse

from reviews.editorial import workflow
from reviews.models import Credit, Film, Person, Review, ReviewStatus
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


def film_add_data(title: str, person: Person | None = None) -> dict:
    data = {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "year": "2026",
        "mpaa_rating": "R",
        "running_time": "104",
        "credits-TOTAL_FORMS": "1" if person else "0",
        "credits-INITIAL_FORMS": "0",
        "stills-TOTAL_FORMS": "0",
        "stills-INITIAL_FORMS": "0",
    }
    if person:
        data |= {
            "credits-0-person": person.pk,
            "credits-0-role": "director",
            "credits-0-billing": "1",
        }
    return data


def assert_refusal_page(response, *, offers: str) -> None:
    """A 403 drawn in the admin's design, naming what the role may do instead."""
    assert response.status_code == 403
    page = response.content.decode()
    assert "Newsroom film desk" in page  # the admin's header
    assert 'id="nav-sidebar"' in page or 'class="breadcrumbs"' in page
    assert "Not open to you" in page
    assert offers in page


@pytest.fixture
def users(editor, critic_user, photo_desk):
    return {"editor": editor, "critic": critic_user, "photo desk": photo_desk}


# The matrix: who may add a film, a person; who changes them -------------------------------------

ADD_MATRIX = [
    ("editor", True),
    ("critic", True),
    ("photo desk", False),
]


@pytest.mark.parametrize(("role", "allowed"), ADD_MATRIX)
def test_who_may_add_a_film_with_its_credits(client, users, role, allowed):
    person = factories.PersonFactory(name="Céline Song")
    client.force_login(users[role])
    response = client.post(admin_url(Film, "add"), film_add_data("Past Lives", person))
    if allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        film = Film.objects.get(slug="past-lives")
        assert film.running_time == 104
        assert list(film.credits.values_list("person__name", flat=True)) == ["Céline Song"]
    else:
        assert_refusal_page(response, offers="Upload and caption stills")
        assert not Film.objects.filter(slug="past-lives").exists()


@pytest.mark.parametrize(("role", "allowed"), ADD_MATRIX)
def test_who_may_add_a_person(client, users, role, allowed):
    client.force_login(users[role])
    response = client.post(
        admin_url(Person, "add"),
        {
            "name": "Greta Lee",
            "slug": "greta-lee",
            "credits-TOTAL_FORMS": "0",
            "credits-INITIAL_FORMS": "0",
        },
    )
    assert Person.objects.filter(slug="greta-lee").exists() is allowed
    if not allowed:
        assert_refusal_page(response, offers="Upload and caption stills")


def test_critic_sees_films_and_people_add_buttons(client, critic_user):
    client.force_login(critic_user)
    for model in (Film, Person):
        page = client.get(admin_url(model, "changelist")).content.decode()
        assert admin_url(model, "add") in page


def test_critic_cannot_change_a_films_facts_and_is_told_what_to_do(client, critic_user):
    film = factories.FilmFactory(title="Old Title", running_time=100)
    client.force_login(critic_user)
    response = client.get(admin_url(Film, "change", film))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    response = client.post(admin_url(Film, "change", film), {"title": "New Title"})
    assert_refusal_page(response, offers="Add a film that is not in the system yet")
    page = response.content.decode()
    assert reverse("admin:reviews_film_add") in page
    assert "An existing film&#x27;s facts and credits are changed by an editor" in page
    film.refresh_from_db()
    assert film.title == "Old Title"


def test_critic_adds_credits_on_a_film_they_review_but_not_its_facts(client, critic_user):
    film = factories.FilmFactory(title="Anatomy of a Fall", running_time=151)
    factories.ReviewFactory(film=film, critic=critic_user.critic)
    person = factories.PersonFactory(name="Sandra Hüller")
    client.force_login(critic_user)
    url = admin_url(Film, "change", film)
    response = client.get(url)
    assert response.context["has_change_permission"]
    assert "title" not in response.context["adminform"].form.fields
    data = form_data(response) | {
        "title": "Tampered",
        "running_time": "1",
        "credits-TOTAL_FORMS": "1",
        "credits-0-person": person.pk,
        "credits-0-role": "cast",
        "credits-0-character": "Sandra",
        "credits-0-billing": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    film.refresh_from_db()
    assert (film.title, film.running_time) == ("Anatomy of a Fall", 151)
    assert Credit.objects.filter(film=film, person=person, character="Sandra").exists()


def test_critic_may_not_touch_credits_of_a_film_they_do_not_review(client, critic_user):
    credit = factories.CreditFactory(character="Mia")
    client.force_login(critic_user)
    url = admin_url(Film, "change", credit.film)
    inline = client.get(url).context["inline_admin_formsets"][0]
    assert not inline.has_change_permission and not inline.has_add_permission
    response = client.post(
        url,
        {
            "credits-TOTAL_FORMS": "1",
            "credits-INITIAL_FORMS": "1",
            "credits-0-id": credit.pk,
            "credits-0-character": "Bob",
        },
    )
    assert response.status_code == 403
    credit.refresh_from_db()
    assert credit.character == "Mia"


def test_critic_may_not_change_a_person(client, critic_user):
    person = factories.PersonFactory(name="Emma Stone")
    client.force_login(critic_user)
    response = client.post(admin_url(Person, "change", person), {"name": "Emma Stane"})
    assert_refusal_page(response, offers="Add a person who is not in the system yet")
    assert "People already in the system are changed by an editor." in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Emma Stone"


def test_editor_changes_a_films_facts(client, editor):
    film = factories.FilmFactory(title="Old Title")
    client.force_login(editor)
    url = admin_url(Film, "change", film)
    response = client.post(url, form_data(client.get(url)) | {"title": "New Title"})
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.title == "New Title"


def test_refused_import_page_names_the_reason(client, critic_user):
    client.force_login(critic_user)
    response = client.get(reverse("admin:reviews_film_import"))
    assert_refusal_page(response, offers="Write and submit your own reviews")
    assert "Only editors import films." in response.content.decode()


# The review form and the review once submitted ----------------------------------------------------


def test_critics_review_form_offers_a_new_film_with_plus(client, critic_user):
    client.force_login(critic_user)
    page = client.get(admin_url(Review, "add")).content.decode()
    assert 'id="add_id_film"' in page


def test_critics_submitted_review_shows_rendered_body_labels_and_no_version(client, critic_user):
    review = factories.ReviewFactory(
        complete=True, critic=critic_user.critic, body="<p>Ani works <em>nights</em>.</p>"
    )
    workflow.apply_action(review, "submit", critic_user)
    client.force_login(critic_user)
    response = client.get(admin_url(Review, "change", review))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<p>Ani works <em>nights</em>.</p>" in page
    assert "&lt;em&gt;" not in page
    assert "in_review" not in page.replace('value="in_review"', "")
    assert "In review" in page
    assert "field-version" not in page


def test_editor_still_sees_the_version(client, editor):
    review = factories.ReviewFactory(status=ReviewStatus.IN_REVIEW)
    client.force_login(editor)
    page = client.get(admin_url(Review, "change", review)).content.decode()
    assert "field-version" in page
