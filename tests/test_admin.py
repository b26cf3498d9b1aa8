"""The editors' admin: pages load, roles allow and refuse what they should."""

import pytest
from django.urls import reverse

from reviews.models import Credit, Critic, Film, Genre, Person, Photo, Review
from reviews.models.reviews import ReviewStatus
from tests import factories
from tests.admin_forms import errors_on_page
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(critic_user):
    review = factories.ReviewFactory(published=True)
    factories.ReviewStillFactory(review=review)
    factories.CorrectionFactory(review=review)
    factories.CreditFactory(film=review.film)
    review.film.genres.add(factories.GenreFactory())
    return {
        Review: review,
        Film: review.film,
        Person: review.film.credits.first().person,
        Photo: factories.PhotoFactory(film=review.film),
        Critic: review.critic,
        Genre: review.film.genres.first(),
    }


MODELS = [Review, Film, Person, Photo, Critic, Genre]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("action", ["changelist", "add", "change"])
def test_every_admin_page_loads_for_an_editor(client, editor, content, model, action):
    client.force_login(editor)
    obj = content[model] if action == "change" else None
    response = client.get(admin_url(model, action, obj))
    assert response.status_code == 200


def test_changelists_search_and_filter(client, editor, content):
    client.force_login(editor)
    assert client.get(admin_url(Review, "changelist"), {"q": "Headline"}).status_code == 200
    assert client.get(admin_url(Review, "changelist"), {"status": "draft"}).status_code == 200
    assert client.get(admin_url(Photo, "changelist"), {"rights": "expired"}).status_code == 200
    assert client.get(admin_url(Film, "changelist"), {"q": "Film"}).status_code == 200


def test_review_changelist_query_count_does_not_grow(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    factories.ReviewFactory.create_batch(30, published=True)
    with django_assert_max_num_queries(15):
        assert client.get(admin_url(Review, "changelist")).status_code == 200


def test_photo_changelist_shows_thumbnails(client, editor, content):
    client.force_login(editor)
    response = client.get(admin_url(Photo, "changelist"))
    assert content[Photo].image.url in response.content.decode()


# The permission matrix: role -> model -> actions allowed (everything else is refused).
MATRIX = {
    "Editor": {m: {"view", "add", "change", "delete"} for m in MODELS},
    "Critic": {
        Review: {"view", "add", "change"},
        Film: {"view"},
        Person: {"view"},
        Photo: {"view"},
        Critic: {"view"},
        Genre: {"view"},
    },
    "Photo desk": {Photo: {"view", "add", "change", "delete"}, Film: {"view"}},
}

CASES = [
    (role, model, action)
    for role in MATRIX
    for model in MODELS
    for action in ["view", "add", "change", "delete"]
]


@pytest.mark.parametrize(
    ("role", "model", "action"), CASES, ids=[f"{r}-{m.__name__}-{a}" for r, m, a in CASES]
)
def test_permission_matrix(role, model, action, editor, critic_user, photo_desk):
    user = {"Editor": editor, "Critic": critic_user, "Photo desk": photo_desk}[role]
    allowed = action in MATRIX[role].get(model, set())
    assert user.has_perm(f"reviews.{action}_{model._meta.model_name}") is allowed


@pytest.mark.parametrize(
    ("role", "url_name", "status"),
    [
        ("Photo desk", "admin:reviews_review_changelist", 403),
        ("Photo desk", "admin:reviews_photo_add", 200),
        ("Photo desk", "admin:reviews_film_add", 403),
        ("Critic", "admin:reviews_review_add", 200),
        ("Critic", "admin:reviews_film_add", 403),
        ("Critic", "admin:reviews_photo_add", 403),
        ("Editor", "admin:reviews_film_add", 200),
    ],
)
def test_admin_pages_allow_and_refuse_by_role(
    client, editor, critic_user, photo_desk, role, url_name, status
):
    user = {"Editor": editor, "Critic": critic_user, "Photo desk": photo_desk}[role]
    client.force_login(user)
    assert client.get(reverse(url_name)).status_code == status


def review_form(film, **overrides):
    data = {
        "film": film.pk,
        "headline": "A Critic's Draft",
        "slug": "a-critics-draft",
        "dek": "",
        "rating": "3.0",
        "body": "<p>One.</p><p>Two.</p>",
        "status": ReviewStatus.PUBLISHED,
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "placements-TOTAL_FORMS": "0",
        "placements-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return data | overrides


def test_critic_writes_a_draft_under_own_byline_and_cannot_publish(client, critic_user):
    film = factories.FilmFactory()
    other = factories.CriticFactory()
    client.force_login(critic_user)
    response = client.post(admin_url(Review, "add"), review_form(film, critic=other.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    review = Review.objects.get(slug="a-critics-draft")
    assert review.critic == critic_user.critic
    assert review.status == ReviewStatus.DRAFT
    assert review.published_at is None


def test_critic_cannot_open_or_edit_another_critics_review(client, critic_user):
    theirs = factories.ReviewFactory(headline="Not yours")
    client.force_login(critic_user)
    assert client.get(admin_url(Review, "change", theirs)).status_code in {302, 403, 404}
    listing = client.get(admin_url(Review, "changelist")).content.decode()
    assert "Not yours" not in listing
    client.post(admin_url(Review, "change", theirs), review_form(theirs.film, headline="Mine"))
    theirs.refresh_from_db()
    assert theirs.headline == "Not yours"


def test_critic_edits_own_review_but_status_stays(client, critic_user):
    own = factories.ReviewFactory(critic=critic_user.critic, headline="Old")
    client.force_login(critic_user)
    response = client.post(
        admin_url(Review, "change", own),
        review_form(own.film, slug=own.slug, headline="New", loaded_version=own.version),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.headline == "New"
    assert own.status == ReviewStatus.DRAFT


def test_editor_adds_a_draft_publishes_it_by_button_and_body_is_sanitised(client, editor):
    film = factories.FilmFactory()
    critic = factories.CriticFactory()
    client.force_login(editor)
    data = review_form(
        film, critic=critic.pk, body='<p>Ok<script>x()</script></p><p onclick="y()">B</p>'
    )
    response = client.post(admin_url(Review, "add"), data)
    assert response.status_code == 302
    review = Review.objects.get(slug="a-critics-draft")
    # The posted status is ignored: a new review is a draft until a workflow button moves it.
    assert review.status == ReviewStatus.DRAFT
    assert review.body == "<p>Ok</p><p>B</p>"
    response = client.post(reverse("admin:reviews_review_workflow", args=[review.pk, "publish"]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED


def test_editor_adds_credits_inline_with_person_autocomplete(client, editor):
    person = factories.PersonFactory(name="Emma Stone")
    client.force_login(editor)
    response = client.get(admin_url(Film, "add"))
    assert 'data-ajax--url="/admin/autocomplete/"' in response.content.decode()
    data = {
        "title": "La La Land",
        "slug": "la-la-land",
        "release_date": "2016-12-09",
        "mpaa_rating": "PG-13",
        "running_time": "128",
        "credits-TOTAL_FORMS": "2",
        "credits-INITIAL_FORMS": "0",
        "credits-0-person": person.pk,
        "credits-0-role": "cast",
        "credits-0-character": "Mia",
        "credits-0-billing": "1",
        "credits-1-person": person.pk,
        "credits-1-role": "cast",
        "credits-1-character": "Mia",
        "credits-1-billing": "2",
        "stills-TOTAL_FORMS": "0",
        "stills-INITIAL_FORMS": "0",
    }
    response = client.post(admin_url(Film, "add"), data)
    # The same credit twice is refused with a message, not a database error.
    assert response.status_code == 200
    assert "duplicate data for person, role, character and job" in errors_on_page(response)
    data["credits-TOTAL_FORMS"] = "1"
    response = client.post(admin_url(Film, "add"), data)
    assert response.status_code == 302
    assert str(Credit.objects.get()) == "Emma Stone as Mia"


def test_film_with_bad_running_time_gets_a_clear_error(client, editor):
    client.force_login(editor)
    data = {
        "title": "Broken",
        "slug": "broken",
        "running_time": "-5",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "stills-TOTAL_FORMS": "0",
        "stills-INITIAL_FORMS": "0",
    }
    response = client.post(admin_url(Film, "add"), data)
    assert response.status_code == 200
    assert "running_time" in response.context["adminform"].form.errors
    assert not Film.objects.filter(slug="broken").exists()


def test_photo_desk_uploads_a_still_and_is_recorded_as_uploader(client, photo_desk):
    client.force_login(photo_desk)
    image = factories.PhotoFactory.build().image
    response = client.post(
        admin_url(Photo, "add"),
        {
            "image": image,
            "caption": "Emma Stone as Mia.",
            "credit_line": "Dale Robinette/Lionsgate",
            "alt_text": "A woman in a yellow dress.",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.uploaded_by == photo_desk
    assert (photo.width, photo.height) == (64, 36)


def test_photo_admin_refuses_a_file_that_is_not_an_image(client, photo_desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(photo_desk)
    fake = SimpleUploadedFile("still.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    response = client.post(
        admin_url(Photo, "add"),
        {"image": fake, "caption": "c", "credit_line": "c", "alt_text": "a"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not Photo.objects.exists()
