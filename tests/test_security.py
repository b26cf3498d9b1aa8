"""Hardened security: login lockout, safe redirects, CSRF, inert editor text, headers, CSP."""

import base64
import hashlib
import os
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from newsroom.csp import importmap_hash
from reviews.editorial import previews, workflow
from reviews.models import ReviewStatus
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import login, run_python

pytestmark = pytest.mark.django_db

LOGIN = "admin:login"


# Login -------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "81.2.69.1", "127.0.0.1"),
        (1, "81.2.69.1", "81.2.69.1"),
        (1, "6.6.6.6, 81.2.69.1", "81.2.69.1"),
        (2, "6.6.6.6, 81.2.69.1, 10.0.0.2", "81.2.69.1"),
        (2, "81.2.69.1", "127.0.0.1"),
    ],
)
def test_lockout_address_believes_only_the_proxies_it_is_told_of(
    rf, settings, proxies, forwarded, address
):
    from newsroom.client_ip import client_ip

    settings.NEWSROOM_PROXY_COUNT = proxies
    request = rf.post("/", headers={"X-Forwarded-For": forwarded}, REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == address


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
    client.get(reverse(LOGIN))
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


# CSRF ----------------------------------------------------------------------------------------


@pytest.fixture
def csrf_client(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def post_targets(review, link):
    """Every form this branch adds or changes, as (url, data)."""
    doomed = factories.ReviewFactory(critic=review.critic)
    return {
        "workflow": (reverse("admin:reviews_review_workflow", args=[review.pk, "submit"]), {}),
        "share link": (reverse("admin:reviews_review_share", args=[review.pk]), {"days": "3"}),
        "revoke link": (
            reverse("admin:reviews_review_revoke", args=[review.pk, link.pk]),
            {},
        ),
        "review change": (reverse("admin:reviews_review_change", args=[review.pk]), {}),
        "review add": (reverse("admin:reviews_review_add"), {}),
        "review delete": (
            reverse("admin:reviews_review_delete", args=[doomed.pk]),
            {"post": "yes"},
        ),
        "film change": (reverse("admin:reviews_film_change", args=[review.film.pk]), {}),
    }


TARGETS = ["workflow", "share link", "revoke link", "review change", "review add"]
TARGETS += ["review delete", "film change"]


@pytest.mark.parametrize("target", TARGETS)
def test_csrf_is_enforced_on_every_form(csrf_client, editor, target):
    review = factories.ReviewFactory()
    link = previews.create_preview_link(review, editor)
    url, data = post_targets(review, link)[target]
    before = (review.status, review.version)
    response = csrf_client.post(url, data)
    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()
    review.refresh_from_db()
    assert (review.status, review.version) == before
    link.refresh_from_db()
    assert link.revoked_at is None


def test_workflow_form_with_its_token_is_accepted(csrf_client):
    review = factories.ReviewFactory()
    page = csrf_client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    token = page.context["csrf_token"]
    response = csrf_client.post(
        reverse("admin:reviews_review_workflow", args=[review.pk, "submit"]),
        {"csrfmiddlewaretoken": str(token)},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW


def test_csrf_is_enforced_on_the_login_and_revision_restore(editor):
    client = Client(enforce_csrf_checks=True)
    assert login(client, "editor", "a-long-test-password").status_code == 403
    review = factories.ReviewFactory()
    staff = Client()
    staff.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    staff.post(url, form_data(staff.get(url)))
    version = Version.objects.get_for_object(review).get()
    client.force_login(editor)
    restore = reverse("admin:reviews_review_revision", args=[review.pk, version.pk])
    assert client.post(restore, {}).status_code == 403


# Editor text is inert everywhere --------------------------------------------------------------

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'"
LIVE = ["<script>alert", "<img src=x onerror", "onerror=alert(1)>"]


@pytest.fixture
def poisoned(critic_user, editor):
    """Every field an editor writes, holding a script payload."""
    critic = critic_user.critic
    critic.name, critic.bio = f"Critic {PAYLOAD}", f"Bio {PAYLOAD}"
    critic.save()
    film = factories.FilmFactory(
        **{
            name: f"{name} {PAYLOAD}"
            for name in [
                "title",
                "content_advisory",
                "where_playing",
                "distributor",
                "synopsis",
                "trailer_caption",
                "trailer_credit",
            ]
        },
        trailer_url="https://example.com/trailer",
    )
    photo = factories.PhotoFactory(
        film=film,
        caption=f"Caption {PAYLOAD}",
        credit_line=f"Credit {PAYLOAD}",
        alt_text=f"Alt {PAYLOAD}",
        rights_holder=f"Holder {PAYLOAD}",
    )
    film.lead_still = photo
    film.save()
    review = factories.ReviewFactory(
        film=film,
        critic=critic,
        headline=f"Headline {PAYLOAD}",
        dek=f"Dek {PAYLOAD}",
        body=f'<p>Body {PAYLOAD}</p><p>Second <a href="javascript:alert(1)">link</a></p>',
        published=True,
        lead_still=photo,
    )
    factories.ReviewStillFactory(review=review, photo=photo)
    factories.CorrectionFactory(review=review, text=f"Correction {PAYLOAD}")
    credit = factories.CreditFactory(
        film=film, person__name=f"Person {PAYLOAD}", person__bio=f"Person bio {PAYLOAD}"
    )
    credit.character = f"Character {PAYLOAD}"
    credit.save()
    genre = factories.GenreFactory(name="G <script>alert(1)</script>")
    film.genres.add(genre)
    workflow.apply_action(review, "unpublish", editor, message=f"Why {PAYLOAD}")
    workflow.apply_action(review, "publish", editor, message=f"Why {PAYLOAD}")
    return {
        "review": review,
        "film": film,
        "person": credit.person,
        "critic": critic,
        "photo": photo,
        "genre": genre,
    }


def assert_inert(page: str, where: str) -> None:
    for live in LIVE:
        assert live not in page, f"{live!r} is live on {where}"
    assert 'href="javascript:' not in page, where


def public_pages(objs):
    return {
        "review page": objs["review"].get_absolute_url(),
        "home": reverse("reviews:home"),
        "film page": objs["film"].get_absolute_url(),
        "person page": objs["person"].get_absolute_url(),
        "critic page": objs["critic"].get_absolute_url(),
        "genre page": objs["genre"].get_absolute_url(),
    }


def admin_pages(objs):
    review, film = objs["review"], objs["film"]
    return {
        "review change": reverse("admin:reviews_review_change", args=[review.pk]),
        "review list": reverse("admin:reviews_review_changelist"),
        "review history": reverse("admin:reviews_review_history", args=[review.pk]),
        "review preview": reverse("reviews:review-preview", args=[review.pk]),
        "film change": reverse("admin:reviews_film_change", args=[film.pk]),
        "film list": reverse("admin:reviews_film_changelist"),
        "person change": reverse("admin:reviews_person_change", args=[objs["person"].pk]),
        "critic change": reverse("admin:reviews_critic_change", args=[objs["critic"].pk]),
        "photo change": reverse("admin:reviews_photo_change", args=[objs["photo"].pk]),
        "photo list": reverse("admin:reviews_photo_changelist"),
        "genre change": reverse("admin:reviews_genre_change", args=[objs["genre"].pk]),
    }


@pytest.mark.parametrize(
    "page", ["review page", "home", "film page", "person page", "critic page", "genre page"]
)
def test_script_payloads_in_editor_fields_are_inert_on_public_pages(client, editor, poisoned, page):
    response = client.get(public_pages(poisoned)[page])
    assert response.status_code == 200
    content = response.content.decode()
    assert_inert(content, page)
    assert "&lt;script&gt;alert(" in content  # rendered, as text


def test_script_payloads_are_inert_in_the_admin(client, editor, poisoned):
    client.force_login(editor)
    for name, url in admin_pages(poisoned).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_inert(response.content.decode(), name)
        if name == "review change":
            assert "Why &lt;script&gt;alert(" in response.content.decode()


def test_script_payloads_are_inert_in_the_conflict_and_revision_views(client, editor, poisoned):
    review = poisoned["review"]
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    client.post(url, form_data(client.get(url)))
    stale = form_data(client.get(url))
    client.post(url, stale | {"dek": f"New {PAYLOAD}"})
    response = client.post(url, stale | {"headline": f"Other {PAYLOAD}"})
    assert "edit-conflict" in response.content.decode()
    assert_inert(response.content.decode(), "conflict")
    newer, older = Version.objects.get_for_object(review)[:2]
    compare = reverse("admin:reviews_review_compare", args=[review.pk])
    page = client.get(compare, {"a": older.pk, "b": newer.pk}).content.decode()
    assert_inert(page, "compare")


# Headers and the Content Security Policy ------------------------------------------------------


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
    response = client.get(reverse(LOGIN))
    assert_no_inline_script(response, "login")


def test_the_editor_import_map_hash_matches_what_the_page_sends(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:reviews_review_add")).content.decode()
    body = re.search(r'<script type="importmap">(.*?)</script>', page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert importmap_hash() == f"'sha256-{digest}'"
