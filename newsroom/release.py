"""Which release of the code and templates is running, for cache keys.

Cached pages are keyed by it, so a deploy that changes a template never serves a page made
by the old one. ``NEWSROOM_RELEASE`` names it (e.g. the commit a deploy ships); otherwise it
is a digest of the names and modification times of the project's code, templates and static
files, the same for every worker started from the same files.
"""

import hashlib
import os
from pathlib import Path

WATCHED = ("newsroom", "reviews", "templates", "static")


def release_id(base_dir: Path) -> str:
    named = os.environ.get("NEWSROOM_RELEASE", "").strip()
    if named:
        return named[:40]
    digest = hashlib.sha256()
    for folder in WATCHED:
        for path in sorted((base_dir / folder).rglob("*")):
            if path.is_file() and path.suffix not in {".pyc"}:
                digest.update(f"{path.relative_to(base_dir)}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:12]
