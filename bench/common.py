"""What the scale and load benchmarks share: where results go and how they are written."""

from __future__ import annotations

import json
import os
import platform
import shutil
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"

#: The environment every benchmark runs Django with: production settings (DEBUG off), no
#: HTTPS redirect (the harness speaks plain HTTP on loopback), no Redis (no page cache).
BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_LOG_LEVEL": "WARNING",
    "NEWSROOM_TASKS_BACKEND": "immediate",
}


def configure(**extra: str) -> None:
    """Set the benchmark's environment for this process (before ``django.setup()``). Static
    files keep their plain names: an in-process run has no collectstatic manifest to read."""
    os.environ.update(BASE_ENV | {"DJANGO_STATIC_HASHED": "0"} | extra)
    os.environ.pop("REDIS_URL", None)


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        # Other work shares the machine: the load average says how much there was.
        "load_average": [round(n, 2) for n in os.getloadavg()],
    }


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table; the figures (all but the first two columns and
    the last, the notes) align right."""
    last = len(headers) - 1
    align = ["---" if n < 2 or n == last else "---:" for n in range(len(headers))]
    lines = [headers, align, *rows]
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)


def write_results(name: str, data: dict, markdown: str) -> tuple[Path, Path]:
    """Write ``<name>-<UTC time>.json`` and ``.md`` to bench/results/, and the same two as
    ``<name>-latest.*``; return the timestamped paths."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    json_path = RESULTS / f"{name}-{stamp}.json"
    md_path = RESULTS / f"{name}-{stamp}.md"
    json_path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    md_path.write_text(markdown.rstrip() + "\n")
    shutil.copyfile(json_path, RESULTS / f"{name}-latest.json")
    shutil.copyfile(md_path, RESULTS / f"{name}-latest.md")
    return json_path, md_path


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
