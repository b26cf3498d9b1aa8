"""Requests crafted to mislead or overload the site: a forged scheme header, NUL bytes in
headers and cookies, a huge body sent before any check."""

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# A real request names its host; the forged header is all a client needs to add.
FORGED_HTTPS = {"Host": "testserver", "X-Forwarded-Proto": "https"}


def settings_value(name: str, **env: str) -> str:
    """``repr`` of one setting as newsroom/settings.py reads it from ``env`` (a fresh process:
    the settings are read once, at import)."""
    environment = os.environ | {"DJANGO_SECRET_KEY": "x", "DJANGO_AXES_PROXY_COUNT": ""} | env
    code = f"import newsroom.settings as s; print(repr(s.{name}))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# The scheme a client claims ----------------------------------------------------------------


def test_forwarded_proto_is_believed_only_behind_a_configured_proxy():
    assert settings_value("SECURE_PROXY_SSL_HEADER") == "None"
    assert settings_value("SECURE_PROXY_SSL_HEADER", DJANGO_AXES_PROXY_COUNT="0") == "None"
    assert settings_value("SECURE_PROXY_SSL_HEADER", DJANGO_AXES_PROXY_COUNT="1") == repr(
        ("HTTP_X_FORWARDED_PROTO", "https")
    )


def test_a_forged_https_header_does_not_change_canonical_og_url_or_feed_links(client):
    assert settings.NEWSROOM_PROXY_COUNT == 0  # the tests run without a proxy, as by default
    review = factories.ReviewFactory(published=True)
    page = client.get(review.get_absolute_url(), headers=FORGED_HTTPS).content.decode()
    address = f"http://testserver{review.get_absolute_url()}"
    assert f'<link rel="canonical" href="{address}">' in page
    assert f'<meta property="og:url" content="{address}">' in page
    assert "https://testserver" not in page
    for url in ("/feeds/reviews.rss", "/feeds/reviews.atom"):
        feed = feedparser.parse(client.get(url, headers=FORGED_HTTPS).content)
        assert feed.feed.link.startswith("http://testserver/")
        assert feed.entries[0].link == address


def test_behind_a_configured_proxy_its_https_header_is_believed(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    review = factories.ReviewFactory(published=True)
    page = client.get(review.get_absolute_url(), headers=FORGED_HTTPS).content.decode()
    assert f'href="https://testserver{review.get_absolute_url()}"' in page
