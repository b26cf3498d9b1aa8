"""Requests crafted to mislead or overload the site: a forged scheme header, NUL bytes in
headers and cookies, a huge body sent before any check."""

import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

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


# NUL in headers and cookies ----------------------------------------------------------------

LOGIN = reverse("admin:login")
CORRECT_PASSWORD = "a-long-test-password"  # tests.factories.UserFactory's
HOSTILE_HEADERS = {
    "session cookie": {"HTTP_COOKIE": "sessionid=abc\x00def"},
    "quoted cookie escape": {"HTTP_COOKIE": 'sessionid="abc\\000def"'},
    "user agent": {"HTTP_USER_AGENT": "Mozilla/5.0\x00"},
    "accept": {"HTTP_ACCEPT": "text/html\x00"},
    "any other header": {"HTTP_X_REQUESTED_WITH": "\x00"},
}


@pytest.mark.parametrize("url", [reverse("admin:index"), reverse("desk:library"), LOGIN])
@pytest.mark.parametrize("extra", HOSTILE_HEADERS.values(), ids=HOSTILE_HEADERS)
def test_nul_in_a_header_or_cookie_is_a_400_before_the_session_or_user_is_looked_up(
    client, editor, url, extra, django_assert_num_queries
):
    client.force_login(editor)
    with django_assert_num_queries(0):  # no session, no user, no lockout record read
        response = client.get(url, **extra)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_forty_sign_ins_refused_for_nul_lock_the_account_out_like_wrong_passwords(client, editor):
    attempts = [
        ({"password": "wrong\x00password"}, {}),
        ({"password": CORRECT_PASSWORD}, {"HTTP_USER_AGENT": "Mozilla/5.0\x00"}),
        ({"password": CORRECT_PASSWORD}, {"HTTP_ACCEPT": "text/html\x00"}),
        ({"password": CORRECT_PASSWORD}, {"HTTP_COOKIE": "sessionid=abc\x00def"}),
    ]
    for n in range(40):
        fields, extra = attempts[n % len(attempts)]
        response = client.post(LOGIN, {"username": "editor", **fields}, **extra)
        # Refused for the NUL; once the count reaches the limit, a refusal in a form field
        # (seen after CSRF, inside axes' middleware) may answer axes' lockout page instead.
        assert response.status_code in (400, 429)
        assert "_auth_user_id" not in client.session
    # Axes keeps a record per user agent; the lockout adds them up for the name and address.
    records = AccessAttempt.objects.filter(username="editor", ip_address="127.0.0.1")
    assert sum(r.failures_since_start for r in records) >= settings.AXES_FAILURE_LIMIT
    assert not any("\x00" in r.user_agent + r.http_accept for r in records)
    # Locked out: the right password from a clean request is refused as after wrong guesses.
    response = client.post(LOGIN, {"username": "editor", "password": CORRECT_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_sign_in_with_nul_in_a_field_is_counted_once_csrf_has_accepted_it(editor):
    client = Client(enforce_csrf_checks=True)
    page = client.get(LOGIN).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {"csrfmiddlewaretoken": token, "username": "edi\x00tor", "password": "x"}
    assert client.post(LOGIN, data).status_code == 400
    assert AccessAttempt.objects.get().username == "edi\ufffdtor"


# A huge body sent to be refused --------------------------------------------------------------

MiB = 1024 * 1024
BOUNDARY = "HostileBoundary"


class CountingBody:
    """A multipart body of ``size`` bytes (one file part) made as it is read, counting the
    bytes the server takes in; nothing of it is ever held in memory."""

    def __init__(self, size: int) -> None:
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="image"; '
            'filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size = size
        self.position = 0

    def _byte_at(self, index: int) -> bytes:
        if index < len(self.head):
            return self.head[index : index + 1]
        from_end = self.size - index
        if from_end <= len(self.tail):
            return self.tail[len(self.tail) - from_end : len(self.tail) - from_end + 1]
        return b"\xff"

    def read(self, size: int = -1) -> bytes:
        end = self.size if size is None or size < 0 else min(self.size, self.position + size)
        start, self.position = self.position, end
        middle_start, middle_end = len(self.head), self.size - len(self.tail)
        if middle_start <= start and end <= middle_end:
            return b"\xff" * (end - start)
        return b"".join(self._byte_at(index) for index in range(start, end))

    def readline(self, size: int = -1) -> bytes:
        line = b""
        while self.position < self.size and (size < 0 or len(line) < size):
            line += self.read(1)
            if line.endswith(b"\n"):
                break
        return line


@pytest.mark.parametrize("url", ["/", reverse("desk:upload")])
def test_a_huge_cookieless_post_is_refused_without_its_body_being_read(url):
    body = CountingBody(256 * MiB)
    client = Client(enforce_csrf_checks=True)  # and no cookie at all
    response = client.generic(
        "POST",
        url,
        **{
            "wsgi.input": body,
            "CONTENT_LENGTH": str(body.size),
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        },
    )
    assert response.status_code == 403  # CSRF: no cookie
    assert body.position < 64 * 1024, f"{body.position / MiB:.1f} MiB read before refusing"
