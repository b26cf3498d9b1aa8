"""newsroom/env.py: how the settings read the environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import env_bool, env_choice, env_int, env_secret, media_origins

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def s3(**options: str | None) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "stills"} | options,
    }


def test_an_empty_switch_keeps_its_default(monkeypatch):
    monkeypatch.setenv("NEWSROOM_SWITCH", "")
    assert env_bool("NEWSROOM_SWITCH", default=True) is True
    monkeypatch.setenv("NEWSROOM_SWITCH", " Yes ")
    assert env_bool("NEWSROOM_SWITCH") is True
    monkeypatch.setenv("NEWSROOM_SWITCH", "0")
    assert env_bool("NEWSROOM_SWITCH", default=True) is False


def test_a_number_that_is_not_whole_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("NEWSROOM_COUNT", "2.5")
    with pytest.raises(ImproperlyConfigured, match="NEWSROOM_COUNT must be a whole number"):
        env_int("NEWSROOM_COUNT", 1)


def test_a_choice_gives_the_value_for_its_word_and_refuses_others(monkeypatch):
    choices = {"immediate": "now.Backend", "database": "later.Backend"}
    monkeypatch.setenv("NEWSROOM_WHEN", "")
    assert env_choice("NEWSROOM_WHEN", choices, "immediate") == "now.Backend"
    monkeypatch.setenv("NEWSROOM_WHEN", "celery")
    with pytest.raises(ImproperlyConfigured, match="one of immediate, database, not 'celery'"):
        env_choice("NEWSROOM_WHEN", choices, "immediate")


def test_a_missing_secret_is_an_error_unless_debug_is_on(monkeypatch):
    monkeypatch.delenv("NEWSROOM_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="NEWSROOM_SECRET must be set"):
        env_secret("NEWSROOM_SECRET", debug=False, development_default="dev")
    assert env_secret("NEWSROOM_SECRET", debug=True, development_default="dev") == "dev"
    monkeypatch.setenv("NEWSROOM_SECRET", "s3cret")
    assert env_secret("NEWSROOM_SECRET", debug=False, development_default="dev") == "s3cret"


def test_media_on_this_site_needs_no_extra_origin():
    assert media_origins("/media/", LOCAL) == []


def test_media_origins_name_the_cdn_or_the_bucket_as_it_is_addressed():
    assert media_origins("https://cdn.example.com/media/", LOCAL) == ["https://cdn.example.com"]
    assert media_origins("/media/", s3(custom_domain="img.example.com")) == [
        "https://img.example.com"
    ]
    assert media_origins("/media/", s3(endpoint_url="http://127.0.0.1:9000/x")) == [
        "http://127.0.0.1:9000",
        "http://stills.127.0.0.1:9000",
    ]
    assert media_origins("/media/", s3(region_name="eu-west-1")) == [
        "https://stills.s3.amazonaws.com",
        "https://stills.s3.eu-west-1.amazonaws.com",
    ]


def test_media_origins_are_named_once():
    shown = media_origins("https://img.example.com/m/", s3(custom_domain="img.example.com"))
    assert shown == ["https://img.example.com"]
