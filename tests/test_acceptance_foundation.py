"""Acceptance of the foundation (issue 3): what the other test modules left unchecked.

Models' ``__str__``, URLs and unique slugs; every page of every registered admin; the person
page in the admin; the review list's date drill-down and film autocomplete; the settings
read from the environment, password rules and the deployment checklist.
"""

import subprocess

import pytest
from django.contrib import admin
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from reviews.editorial import deletion
from tests import factories
from tests.helpers import bare_environment, run_python

pytestmark = pytest.mark.django_db


# The admin ----------------------------------------------------------------------------------


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


def test_person_page_in_the_admin_lists_their_credits(client, editor):
    person = factories.PersonFactory(name="Emma Stone")
    factories.CreditFactory(person=person, film__title="La La Land", character="Mia")
    factories.CreditFactory(person=person, film__title="Birdman", character="Sam")
    client.force_login(editor)
    response = client.get(reverse("admin:reviews_person_change", args=[person.pk]))
    credits = response.context["inline_admin_formsets"][0].formset
    assert sorted(form.instance.character for form in credits.forms if form.instance.pk) == [
        "Mia",
        "Sam",
    ]
    page = response.content.decode()
    assert 'value="Mia"' in page and 'value="Sam"' in page


def test_review_list_drills_down_by_publication_date(client, editor):
    factories.ReviewFactory(
        published=True, headline="Of 2024", published_at=timezone.now().replace(year=2024)
    )
    factories.ReviewFactory(
        published=True, headline="Of 2025", published_at=timezone.now().replace(year=2025)
    )
    client.force_login(editor)
    url = reverse("admin:reviews_review_changelist")
    page = client.get(url).content.decode()
    assert "?published_at__year=2024" in page and "?published_at__year=2025" in page
    response = client.get(url, {"published_at__year": "2024"})
    assert [r.headline for r in response.context["cl"].result_list] == ["Of 2024"]


def test_review_form_finds_the_film_by_autocomplete_and_fills_the_slug(client, editor):
    factories.FilmFactory(title="La La Land")
    factories.FilmFactory(title="Moonlight")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "la la", "app_label": "reviews", "model_name": "review", "field_name": "film"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["La La Land (2016)"]
    page = client.get(reverse("admin:reviews_review_add")).content.decode()
    assert 'id="id_film"' in page and "admin-autocomplete" in page
    # The slug is filled from the headline as the editor types.
    assert "&quot;dependency_list&quot;: [&quot;headline&quot;]" in page


def test_photo_desk_cannot_search_people_through_the_autocomplete(client, photo_desk):
    factories.PersonFactory(name="Emma Stone")
    client.force_login(photo_desk)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "emma", "app_label": "reviews", "model_name": "credit", "field_name": "person"},
    )
    assert response.status_code == 403


# Settings -----------------------------------------------------------------------------------

SHOW = (
    "import newsroom.settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.TIME_ZONE, s.ALLOWED_HOSTS, "
    "s.MEDIA_ROOT, s.STATIC_ROOT)"
)


def settings_with(**env: str) -> subprocess.CompletedProcess:
    return run_python("-c", SHOW, env=bare_environment() | env)


def test_a_missing_secret_key_fails_loudly_when_debug_is_off():
    result = settings_with()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr
    assert settings_with(DJANGO_DEBUG="1").returncode == 0


def test_settings_have_safe_defaults_and_read_the_environment():
    default = settings_with(DJANGO_SECRET_KEY="x").stdout.split()
    assert default[:3] == ["False", "django.db.backends.sqlite3", "America/New_York"]
    assert default[3] == "[]"  # no host is trusted until production names one
    custom = settings_with(
        DJANGO_SECRET_KEY="x",
        DATABASE_URL="postgres://u:p@db.example:5432/newsroom",
        DJANGO_TIME_ZONE="Europe/Paris",
        DJANGO_ALLOWED_HOSTS="reviews.example.com",
        DJANGO_MEDIA_ROOT="/srv/media",
        DJANGO_STATIC_ROOT="/srv/static",
    ).stdout.split(maxsplit=3)
    assert custom[:3] == ["False", "django.db.backends.postgresql", "Europe/Paris"]
    assert custom[3].strip() == "['reviews.example.com'] /srv/media /srv/static"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short1A!", "This password is too short. It must contain at least 12 characters."),
        ("123456789012345", "This password is entirely numeric."),
        ("password1234", "This password is too common."),
    ],
)
def test_passwords_are_checked_by_the_validators(password, problem):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert problem in refused.value.messages


def test_deployment_checklist_reports_nothing_with_production_settings():
    env = bare_environment() | {
        "DJANGO_SECRET_KEY": "a" * 20 + "-production-like-secret-key-" + "z" * 30,
        "DJANGO_ALLOWED_HOSTS": "reviews.example.com",
    }
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
