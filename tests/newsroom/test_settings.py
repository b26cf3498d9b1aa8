"""Settings read from the environment with safe defaults, each environment in a fresh
interpreter; sign-in and its cookies as the settings make them."""

import os
import subprocess

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from tests.helpers import bare_environment, login, run_python, settings_with

pytestmark = pytest.mark.django_db


SHOW = (
    "import newsroom.settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.TIME_ZONE, s.ALLOWED_HOSTS, "
    "s.MEDIA_ROOT, s.STATIC_ROOT)"
)


def test_a_missing_secret_key_fails_loudly_when_debug_is_off():
    result = settings_with(SHOW)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr
    assert settings_with(SHOW, DJANGO_DEBUG="1").returncode == 0


def test_settings_have_safe_defaults_and_read_the_environment():
    default = settings_with(SHOW, DJANGO_SECRET_KEY="x").stdout.split()
    assert default[:3] == ["False", "django.db.backends.sqlite3", "America/New_York"]
    assert default[3] == "[]"  # no host is trusted until production names one
    custom = settings_with(
        SHOW,
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


def test_login_is_locked_out_after_repeated_failures(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        # A forged X-Forwarded-For per guess does not make a new address (no proxy is set).
        response = login(
            client, "editor", "wrong password", headers={"X-Forwarded-For": f"81.2.69.{n + 1}"}
        )
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = login(client, "editor", "wrong password")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    # Even the right password is refused while locked out.
    response = login(client, "editor", "a-long-test-password")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked.
    factories.UserFactory(username="other", is_staff=True)
    assert login(client, "other", "a-long-test-password").status_code == 302


def test_a_successful_login_resets_the_failure_count(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "editor", "wrong password")
    assert login(client, "editor", "a-long-test-password").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor", "wrong password").status_code == 200


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/steal", "//evil.example/", "https:evil.example", "/\\evil.example"],
)
def test_login_next_parameter_cannot_redirect_off_site(client, editor, next_url):
    response = login(client, "editor", "a-long-test-password", next=next_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_login_next_parameter_on_site_is_followed(client, editor):
    response = login(client, "editor", "a-long-test-password", next="/admin/reviews/review/")
    assert response["Location"] == "/admin/reviews/review/"


def test_session_and_csrf_cookies_are_secure_and_http_only(client, editor):
    client.get(reverse("admin:login"))
    response = login(client, "editor", "a-long-test-password")
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["secure"]
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["secure"]


def test_admin_address_is_configurable_from_the_environment():
    env = os.environ | {"DJANGO_ADMIN_URL": "desk-7f3a", "DJANGO_DEBUG": "1"}
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    result = run_python("manage.py", "shell", "-c", code, env=env, check=True)
    assert result.stdout.strip().splitlines()[-1] == "/desk-7f3a/"


SHOW_BACKENDS = (
    "import newsroom.settings as s; "
    "print(s.TASKS['default']['BACKEND']); print(s.STORAGES['default']['BACKEND'])"
)


def backends_with(**env: str) -> subprocess.CompletedProcess:
    return settings_with(SHOW_BACKENDS, DJANGO_SECRET_KEY="x", **env)


def test_tasks_run_on_a_background_thread_by_default_and_on_the_database_when_asked():
    assert backends_with().stdout.splitlines()[0] == "newsroom.tasks.ThreadBackend"
    shown = backends_with(NEWSROOM_TASKS_BACKEND="database").stdout
    assert shown.splitlines()[0] == "django_tasks_db.DatabaseBackend"


def test_an_unknown_tasks_backend_fails_loudly_naming_the_choices():
    result = backends_with(NEWSROOM_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "NEWSROOM_TASKS_BACKEND must be one of thread, immediate, database, not 'celery'" in (
        result.stderr
    )


def test_a_bucket_name_moves_media_to_object_storage():
    assert backends_with().stdout.splitlines()[1].endswith("FileSystemStorage")
    shown = backends_with(NEWSROOM_S3_BUCKET="stills").stdout
    assert shown.splitlines()[1] == "storages.backends.s3.S3Storage"
