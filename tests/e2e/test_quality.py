"""Accessibility (axe-core in Chromium) and HTML validity (the Nu Html Checker)."""

import json
import subprocess

import pytest

from tests.e2e.conftest import VNU_JAR, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    "/",
    "/reviews/la-la-land-review/",
    "/films/la-la-land-2016/",
    "/people/emma-stone/",
    "/reviews/?genre=musical",
    "/search/?q=emma",
    "/critics/harriet-vance/",
    "/corrections/",
    "/no-such-page/",
]


def test_no_serious_or_critical_accessibility_violations(page, demo):
    found = serious_accessibility_violations(page, PAGES)
    assert not found, json.dumps(found, indent=2)


def test_pages_are_valid_html(client, demo, tmp_path):
    files = []
    for number, path in enumerate(PAGES):
        response = client.get(path)
        assert response.status_code in {200, 404}
        file = tmp_path / f"page{number}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert not errors, "\n".join(errors)
