"""End-to-end tests: a real Chromium driven by Playwright against pytest-django's live server."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings as django_settings

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch(page, live_server) -> None:
    """Record script errors, CSP violations and static files that failed to load in
    ``page.errors``; refuse requests that leave the live server and record them in
    ``page.outside_requests``."""
    page.outside_requests = []
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    static = f"{live_server.url}{django_settings.STATIC_URL}"
    page.on(
        "response",
        lambda response: (
            page.errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.url.startswith(static)
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            page.errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )

    def refuse_outside(route):
        url = route.request.url
        if url.startswith(live_server.url):
            route.continue_()
        else:
            page.outside_requests.append(url)
            route.abort()

    page.route("**/*", refuse_outside)


@pytest.fixture
def new_page(browser, live_server, settings):
    """Opens pages, each in its own browser context (its own cookies: one person each),
    watched like ``page``. Cookies work over the live server's plain HTTP."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        # Every page of the context, popups (the admin's "+" windows) included.
        context.on("page", lambda page: watch(page, live_server))
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    wait_for_requests_in_flight()


def wait_for_requests_in_flight(timeout: float = 15.0) -> None:
    """Let the live server finish the requests a closed page left it (an autosave or a
    presence ping sent as the page loaded): the test database is flushed next, and SQLite
    refuses to flush a table a request thread still holds ("database table is locked")."""
    for thread in threading.enumerate():
        # The server's request threads are named after their target (Python 3.10 and later).
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout)


@pytest.fixture
def page(new_page):
    """A fresh page under the site's real Content Security Policy; requests that leave the
    live server are refused and recorded, and so are CSP violations and script errors.
    Cookies work over the live server's plain HTTP."""
    return new_page()


@pytest.fixture
def demo(django_db_serialized_rollback, transactional_db) -> None:
    """The demo content, as `make demo` loads it."""
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)


def serious_accessibility_violations(page, paths: list[str]) -> dict[str, list[str]]:
    """axe-core's serious and critical findings on each page, by path (empty when clean)."""
    axe = AXE_JS.read_text()
    found = {}
    for path in paths:
        page.goto(path)
        page.evaluate(axe)
        result = page.evaluate("async () => await axe.run(document)")
        assert result["passes"], f"axe ran no checks on {path}"
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        if bad:
            found[path] = bad
    return found
