"""Security headers and the Content Security Policy: no inline script but the editor's import
map, by its hash, and stills allowed from wherever media are served."""

import base64
import hashlib
import re

import pytest
from django.urls import reverse
from reversion.models import Version

from newsroom.csp import importmap_hash
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import settings_with

pytestmark = pytest.mark.django_db


def test_security_headers_on_a_public_page(client):
    review = factories.ReviewFactory(published=True)
    response = client.get(review.get_absolute_url(), secure=True)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    csp = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert csp["script-src"] == f"'self' {importmap_hash()}"
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)


HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def assert_no_inline_script(response, where: str) -> None:
    page = response.content.decode()
    csp = response["Content-Security-Policy"]
    for attributes, body in SCRIPT.findall(page):
        if "src=" in attributes or 'type="application/ld+json"' in attributes:
            assert "src=" not in attributes or not body.strip(), where
            continue
        # The one inline script allowed: the rich-text editor's import map, by its hash.
        assert 'type="importmap"' in attributes, f"inline script on {where}: {body[:80]}"
        assert importmap_hash() in csp
    assert not HANDLER.search(page), f"inline event handler on {where}"


def test_no_inline_script_on_admin_and_public_pages(client, editor, critic_user):
    review = factories.ReviewFactory(published=True, critic=critic_user.critic)
    factories.CorrectionFactory(review=review)
    factories.ReviewStillFactory(review=review)
    factories.CreditFactory(film=review.film)
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    client.post(url, form_data(client.get(url)) | {"headline": "One"})
    client.post(url, form_data(client.get(url)) | {"headline": "Two"})
    newer, older = Version.objects.get_for_object(review)
    pages = {
        "admin index": reverse("admin:index"),
        "review add": reverse("admin:reviews_review_add"),
        "review change": url,
        "review list": reverse("admin:reviews_review_changelist"),
        "review history": reverse("admin:reviews_review_history", args=[review.pk]),
        "review revision": reverse("admin:reviews_review_revision", args=[review.pk, older.pk]),
        "review compare": reverse("admin:reviews_review_compare", args=[review.pk])
        + f"?a={older.pk}&b={newer.pk}",
        "film change": reverse("admin:reviews_film_change", args=[review.film.pk]),
        "photo add": reverse("admin:reviews_photo_add"),
        "staff preview": reverse("reviews:review-preview", args=[review.pk]),
        "review page": review.get_absolute_url(),
        "home": "/",
    }
    for name, page_url in pages.items():
        response = client.get(page_url)
        assert response.status_code == 200, name
        assert_no_inline_script(response, name)
    client.logout()
    response = client.get(reverse("admin:login"))
    assert_no_inline_script(response, "login")


def test_the_editor_import_map_hash_matches_what_the_page_sends(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:reviews_review_add")).content.decode()
    body = re.search(r'<script type="importmap">(.*?)</script>', page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert importmap_hash() == f"'sha256-{digest}'"


SHOW_IMG_SRC = (
    "import newsroom.settings as s; "
    "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
)


def img_src_with(**env: str) -> list[str]:
    return settings_with(SHOW_IMG_SRC, check=True, DJANGO_SECRET_KEY="x", **env).stdout.split()


@pytest.mark.parametrize(
    ("env", "origin"),
    [
        ({"NEWSROOM_S3_BUCKET": "stills"}, "https://stills.s3.amazonaws.com"),
        (
            {"NEWSROOM_S3_BUCKET": "stills", "NEWSROOM_S3_REGION": "eu-west-1"},
            "https://stills.s3.eu-west-1.amazonaws.com",
        ),
        (
            {"NEWSROOM_S3_BUCKET": "stills", "NEWSROOM_S3_CUSTOM_DOMAIN": "cdn.example.com"},
            "https://cdn.example.com",
        ),
        (
            {"NEWSROOM_S3_BUCKET": "stills", "NEWSROOM_S3_ENDPOINT": "https://s3.example.com:9000"},
            "https://s3.example.com:9000",
        ),
        ({"DJANGO_MEDIA_URL": "https://media.example.com/m/"}, "https://media.example.com"),
    ],
)
def test_the_csp_lets_stills_load_from_where_media_are_served(env, origin):
    assert origin in img_src_with(**env)


def test_the_csp_allows_no_other_image_origin_when_media_are_local():
    # blob: is no origin: the object URLs the desk's own script makes of chosen files.
    assert img_src_with() == ["'self'", "data:", "blob:"]
