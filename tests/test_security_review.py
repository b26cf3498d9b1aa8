"""Findings of the security review, each pinned by a test that failed before its fix."""

import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from reviews.demo import DEMO_PASSWORD
from reviews.models import Person, Photo
from reviews.sanitize import sanitize_html
from tests import factories
from tests.helpers import run_python
from tests.images import picture
from tests.test_security import PAYLOAD, assert_inert, poisoned  # noqa: F401

pytestmark = pytest.mark.django_db


# Editor HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            '<blockquote cite="javascript:alert(1)"><p>Q</p></blockquote>',
            "<blockquote><p>Q</p></blockquote>",
        ),
        ('<q cite="vbscript:x">Q</q>', "<q>Q</q>"),
        ('<q cite="data:text/html,x">Q</q>', "<q>Q</q>"),
        ('<ol start="1 onmouseover=alert(1)"><li>A</li></ol>', "<ol><li>A</li></ol>"),
        (
            '<q cite="https://example.com/source">Q</q>',
            '<q cite="https://example.com/source">Q</q>',
        ),
        ('<ol start="3"><li>A</li></ol>', '<ol start="3"><li>A</li></ol>'),
    ],
)
def test_quotation_sources_must_be_web_addresses_and_list_starts_numbers(dirty, clean):
    assert sanitize_html(dirty) == clean


# Settings ----------------------------------------------------------------------------------

SHOW_IMG_SRC = (
    "import newsroom.settings as s; "
    "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
)


def img_src_with(**env: str) -> list[str]:
    defaults = {"DJANGO_SECRET_KEY": "x", "NEWSROOM_S3_BUCKET": "", "DJANGO_CSP_IMG_SRC": ""}
    defaults |= {"NEWSROOM_S3_CUSTOM_DOMAIN": "", "NEWSROOM_S3_ENDPOINT": ""}
    defaults |= {"NEWSROOM_S3_REGION": "", "DJANGO_MEDIA_URL": "/media/"}
    result = run_python("-c", SHOW_IMG_SRC, env=os.environ | defaults | env, check=True)
    return result.stdout.split()


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
    assert img_src_with() == ["'self'", "data:"]


# Demo accounts -----------------------------------------------------------------------------


def test_seed_demo_never_resets_the_password_or_role_of_an_existing_account():
    existing = factories.UserFactory(username="editor", is_staff=False)
    call_command("seed_demo", stdout=io.StringIO())

    existing.refresh_from_db()
    assert existing.check_password("a-long-test-password")
    assert not existing.check_password(DEMO_PASSWORD)
    assert not existing.groups.exists() and not existing.is_staff


def test_seed_demo_refuses_a_production_site_with_real_staff(settings):
    settings.DEBUG = False
    factories.UserFactory(username="alice", is_staff=True)

    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", stdout=io.StringIO())

    assert str(refused.value) == (
        "seed_demo: this site has real staff accounts (e.g. 'alice') and DEBUG is off; "
        "demo accounts with a published password belong on a demo database only."
    )
    assert not get_user_model().objects.filter(username="editor").exists()


def test_seed_demo_on_a_developers_machine_runs_beside_other_accounts(settings):
    settings.DEBUG = True
    factories.UserFactory(username="alice", is_staff=True)
    call_command("seed_demo", stdout=io.StringIO())
    assert get_user_model().objects.get(username="editor").check_password(DEMO_PASSWORD)


# CSRF on the desk and the bulk tools ---------------------------------------------------------


def test_csrf_is_enforced_on_the_desk_and_bulk_forms(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    photo = factories.PhotoFactory(caption="Kept")
    people = [
        factories.PersonFactory(name="J.K. Simmons"),
        factories.PersonFactory(name="JK Simmons"),
    ]
    film = factories.FilmFactory()
    ids = ",".join(str(person.pk) for person in people)
    targets = {
        "desk upload": (reverse("desk:upload"), {"stills-TOTAL_FORMS": "0"}),
        "desk edit": (reverse("desk:still-edit", args=[photo.pk]), {"caption": "Changed"}),
        "desk delete": (reverse("desk:still-delete", args=[photo.pk]), {}),
        "import": (reverse("admin:reviews_film_import"), {"cancel": "1"}),
        "merge": (reverse("admin:reviews_person_merge"), {"ids": ids, "keep": people[0].pk}),
        "export": (
            reverse("admin:reviews_film_changelist"),
            {"action": "export_as_csv", "_selected_action": [film.pk]},
        ),
    }
    for name, (url, data) in targets.items():
        assert client.post(url, data).status_code == 403, name
    photo.refresh_from_db()
    assert photo.caption == "Kept"
    assert Person.objects.count() == 2


# Editor text is inert on the pages test_security.py does not visit ---------------------------


def test_script_payloads_are_inert_in_search_archive_404_and_desk(client, editor, request):
    photo = request.getfixturevalue("poisoned")["photo"]
    pages = {
        "search": reverse("reviews:search") + "?q=Body",
        "search for people": reverse("reviews:search") + "?q=Person",
        "search echoing the query": reverse("reviews:search") + "?q=" + PAYLOAD,
        "archive": reverse("reviews:archive"),
        "404 with a query": "/no-such-page/?q=" + PAYLOAD,
    }
    for name, url in pages.items():
        assert_inert(client.get(url).content.decode(), name)
    client.force_login(editor)
    desk_pages = {
        "desk library": reverse("desk:library") + "?q=Caption",
        "desk still": reverse("desk:still-edit", args=[photo.pk]),
        "desk upload": reverse("desk:upload"),
    }
    for name, url in desk_pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_inert(response.content.decode(), name)


def test_a_hostile_file_name_and_caption_are_inert_in_the_desks_answers(client, editor):
    client.force_login(editor)
    hostile = {
        "stills-TOTAL_FORMS": "2",
        "stills-INITIAL_FORMS": "0",
        "stills-0-image": SimpleUploadedFile(f"{PAYLOAD}.jpg", b"not an image", "image/jpeg"),
        "stills-0-caption": f"Caption {PAYLOAD}",
        "stills-0-credit_line": "Credit",
        "stills-0-alt_text": f"Alt {PAYLOAD}",
        "stills-1-image": SimpleUploadedFile("x.jpg", picture(), "image/jpeg"),
        "stills-1-caption": f"Caption {PAYLOAD}",
        "stills-1-credit_line": "Credit",
        "stills-1-alt_text": "Alt",
    }
    page = client.post(reverse("desk:upload"), hostile).content.decode()
    assert_inert(page, "desk upload answer")
    saved = Photo.objects.get()
    assert "<" not in saved.image.name and "script" not in saved.image.name


def test_script_payloads_in_an_import_file_are_inert_in_its_preview(client, editor):
    client.force_login(editor)
    content = f"title,distributor,cast,bogus {PAYLOAD}\n{PAYLOAD},{PAYLOAD},A as {PAYLOAD},x\n"
    upload = SimpleUploadedFile(f"{PAYLOAD}.csv", content.encode(), content_type="text/csv")

    response = client.post(reverse("admin:reviews_film_import"), {"file": upload})

    assert response.context["step"] == "preview"
    assert_inert(response.content.decode(), "import preview")


# Search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["La\x00La", "\x00\x01"])
def test_search_with_a_nul_character_is_a_clear_400(client, query):
    # NUL is refused for every view by newsroom.middleware.RejectNulBytesMiddleware.
    response = client.get(reverse("reviews:search"), {"q": query})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
