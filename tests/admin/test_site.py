"""The admin as a whole: every registered page opens for whoever may open it, and each role
holds exactly its permissions."""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from reviews.editorial import deletion
from reviews.models import Critic, Film, Genre, Person, Photo, Review
from tests import factories
from tests.helpers import DUPLICATES_URL, FILMS_URL, IMPORT_URL, MERGE_URL, PEOPLE_URL, admin_url

pytestmark = pytest.mark.django_db


MODELS = [Review, Film, Person, Photo, Critic, Genre]


def test_changelists_answer_their_searches_and_filters(client, editor, content):
    client.force_login(editor)
    assert client.get(admin_url(Review, "changelist"), {"q": "Headline"}).status_code == 200
    assert client.get(admin_url(Review, "changelist"), {"status": "draft"}).status_code == 200
    assert client.get(admin_url(Photo, "changelist"), {"rights": "expired"}).status_code == 200
    assert client.get(admin_url(Film, "changelist"), {"q": "Film"}).status_code == 200


# The permission matrix: role -> model -> actions allowed (everything else is refused).
MATRIX = {
    "Editor": {m: {"view", "add", "change", "delete"} for m in MODELS},
    "Critic": {
        Review: {"view", "add", "change"},
        # Critics start from nothing: they add films and people (issue 14); changing one
        # stays with Editors.
        Film: {"view", "add"},
        Person: {"view", "add"},
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
def test_each_role_holds_exactly_its_permissions(
    role, model, action, editor, critic_user, photo_desk
):
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
        ("Critic", "admin:reviews_film_add", 200),
        ("Critic", "admin:reviews_person_add", 200),
        ("Photo desk", "admin:reviews_person_add", 403),
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


def registered_pages():
    """(model label, page) for every model the admin registers."""
    return [
        (model._meta.label, action)
        for model in admin.site._registry
        for action in ["changelist", "add", "change"]
    ]


@pytest.fixture
def one_of_each(editor, critic_user, settings):
    """At least one row of every registered model, for its change page."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from reviews.stills.tasks import render_still

    review = factories.ReviewFactory(published=True)
    factories.CreditFactory(film=review.film)
    review.film.genres.add(factories.GenreFactory())
    factories.ReviewStillFactory(review=review)
    factories.CorrectionFactory(review=review)
    deletion.delete_review(factories.ReviewFactory(), editor)
    AccessAttempt.objects.create(username="x", ip_address="127.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="127.0.0.1")
    AccessFailureLog.objects.create(username="x", ip_address="127.0.0.1")
    # The immediate backend stores no task: queue one on the database backend instead.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    render_still.enqueue(0, 0.5, 0.5)


@pytest.mark.parametrize(("label", "action"), registered_pages())
def test_every_page_of_every_registered_admin_loads_for_whoever_may_open_it(
    client, editor, one_of_each, label, action
):
    """An Editor opens what their role allows (and is refused the rest); a superuser all."""
    model = next(m for m in admin.site._registry if m._meta.label == label)
    model_admin = admin.site._registry[model]
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {label} to open"
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}"
    try:
        url = reverse(name, args=[obj.pk] if action == "change" else [])
    except NoReverseMatch:
        pytest.fail(f"{name} is not an admin page")
    superuser = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    response = client.get(url)
    allowed_to_add = action != "add" or model_admin.has_add_permission(
        type("R", (), {"user": superuser})()
    )
    assert response.status_code == (200 if allowed_to_add else 403), f"{label} {action}"

    client.force_login(editor)
    codename = {"changelist": "view", "add": "add", "change": "view"}[action]
    may = editor.has_perm(f"{model._meta.app_label}.{codename}_{model._meta.model_name}")
    response = client.get(url)
    if may and allowed_to_add:
        assert response.status_code == 200, f"{label} {action}"
    else:
        assert response.status_code == 403, f"{label} {action}"


@pytest.mark.parametrize("url", [IMPORT_URL, MERGE_URL, DUPLICATES_URL])
@pytest.mark.parametrize("role", ["critic_user", "photo_desk"])
def test_only_editors_reach_the_bulk_pages(client, request, role, url, people_to_merge):
    client.force_login(request.getfixturevalue(role))
    ids = ",".join(str(p.pk) for p in people_to_merge)

    assert client.get(url, {"ids": ids}).status_code == 403
    assert client.post(url, {"ids": ids, "keep": people_to_merge[0].pk}).status_code == 403
    assert Person.objects.count() == 2


@pytest.mark.parametrize("role", ["critic_user", "photo_desk"])
def test_others_are_offered_no_import_export_or_merge(client, request, role, people_to_merge):
    client.force_login(request.getfixturevalue(role))

    films = client.get(FILMS_URL)
    people = client.get(PEOPLE_URL)

    assert "export_as_csv" not in films.content.decode()
    assert IMPORT_URL not in films.content.decode()
    assert "merge_selected" not in people.content.decode()
    assert DUPLICATES_URL not in people.content.decode()


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/", "/desk/"])
def test_staff_pages_name_the_site_icon_so_no_browser_asks_for_a_missing_favicon(
    client, editor, url
):
    # Without the link a browser requests /favicon.ico, which answers 404 (a console error).
    if url != "/admin/login/":
        client.force_login(editor)
    page = client.get(url).content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.svg" type="image/svg\+xml">', page)
