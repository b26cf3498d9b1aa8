"""Real servers for the stack tests: a PostgreSQL database, a Redis and gunicorn app
servers, each started (and stopped) by the test that uses it.

These tests always use the PostgreSQL on 127.0.0.1:5432 (as production does), whatever
database the rest of the suite runs on, so they are selected with ``make test-stack``.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_SERVER = os.environ.get("NEWSROOM_STACK_PG", "postgres://postgres@127.0.0.1:5432")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@dataclass
class Stack:
    """One database and one Redis, shared by every app server the test starts."""

    database_url: str
    redis_url: str
    media: Path
    servers: list[subprocess.Popen] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "DJANGO_SECRET_KEY": "stack-tests-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SESSION_COOKIE_SECURE": "0",
            "DJANGO_CSRF_COOKIE_SECURE": "0",
            "DJANGO_STATIC_HASHED": "0",
            "DJANGO_MEDIA_ROOT": str(self.media),
            "NEWSROOM_PAGE_CACHE": "1",
            **extra,
        }

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    def python(self, code: str) -> dict:
        """Run ``code`` in a Django shell on the stack's database; it prints one JSON line."""
        return json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])

    def app_server(self, workers: int = 1) -> str:
        port = free_port()
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "newsroom.wsgi",
             "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--access-logfile", "/dev/null"],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.servers.append(process)
        wait_for_port(port, process)
        return f"http://127.0.0.1:{port}"


@pytest.fixture
def redis_server():
    port = free_port()
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, process)
    yield f"redis://127.0.0.1:{port}/0"
    stop(process)


@pytest.fixture
def stack(redis_server, tmp_path):
    name = f"newsroom_stack_{secrets.token_hex(4)}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    made = Stack(f"{PG_SERVER}/{name}", redis_server, tmp_path / "media")
    try:
        made.manage("migrate", "--noinput", "--verbosity", "0")
        yield made
    finally:
        for server in made.servers:
            stop(server)
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Browser:
    """A reader or an editor over real HTTP, with cookies (urllib; no extra package)."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> tuple[int, str, dict]:
        try:
            with self.opener.open(url, timeout=10) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def post(self, url: str, data: dict, referer: str) -> int:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(url, body, headers={"Referer": referer})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def sign_in(self, server: str, username: str, password: str) -> None:
        login = f"{server}/admin/login/"
        self.get(login)
        status = self.post(login, {"username": username, "password": password}, login)
        assert status == 200 and any(c.name == "sessionid" for c in self.cookies)
