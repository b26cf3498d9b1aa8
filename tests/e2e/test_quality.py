"""Accessibility (axe-core in Chromium) and HTML validity (the Nu Html Checker)."""

import json
import subprocess

import pytest
from django.core.management import call_command

from tests.e2e.conftest import AXE_JS, VNU_JAR

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    "/",
    "/reviews/la-la-land-review/",
    "/films/la-la-land-2016/",
    "/people/emma-stone/",
    "/reviews/?genre=musical",
    "/search/?q=emma",
    "/critics/harriet-vance/",
    "/no-such-page/",
]


@pytest.fixture
def demo(django_db_serialized_rollback, transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_no_serious_or_critical_accessibility_violations(page, demo):
    axe = AXE_JS.read_text()
    found = {}
    for path in PAGES:
        page.goto(path)
        page.evaluate(axe)
        result = page.evaluate("async () => await axe.run(document)")
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        if bad:
            found[path] = bad
        assert result["passes"], f"axe ran no checks on {path}"
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
