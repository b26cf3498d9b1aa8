"""Time the readers' pages on the demo content with every cache off (page, fragment and
the cache backend): median and 95th percentile per page, in wall and in CPU time (the CPU
time of this process says more on a machine other work shares).

Run with `make bench-pages`; the figures go to bench/results/pages.txt (and stdout).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ["NEWSROOM_PAGE_CACHE"] = os.environ["NEWSROOM_FRAGMENT_CACHE"] = "0"
os.environ["DJANGO_STATIC_HASHED"] = "0"  # no collectstatic manifest in a test database
# The demo's renditions made as it is seeded, not on a thread that would write to the
# in-memory database while the pages are timed (SQLite: "database table is locked").
os.environ["NEWSROOM_TASKS_BACKEND"] = "immediate"
# Demo stills go to a scratch folder, not the repository's media/.
os.environ["DJANGO_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="newsroom-bench-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

PAGES = [
    "/",
    "/reviews/",
    "/reviews/?genre=drama&stars=2",
    "/reviews/la-la-land-review/",
    "/films/la-la-land-2016/",
    "/people/emma-stone/",
    "/critics/harriet-vance/",
    "/search/?q=land",
    "/feeds/reviews.rss",
    "/sitemap.xml",
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))


def main() -> None:
    override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ).enable()

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        client = Client()
        lines = [
            f"readers' pages on {connection.vendor}, every cache off, {ROUNDS} requests each "
            f"(ms; load average {os.getloadavg()[0]:.1f})",
            f"{'page':40} {'median':>8} {'p95':>8} {'cpu med':>8} {'queries':>8}",
        ]
        for path in PAGES:
            client.get(path)  # warm up
            timings, cpu = [], []
            for _ in range(ROUNDS):
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            lines.append(
                f"{path:40} {statistics.median(timings):8.2f} {p95:8.2f} "
                f"{statistics.median(cpu):8.2f} {len(queries):8d}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    report = "\n".join(lines)
    out = ROOT / "bench" / "results" / "pages.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report + "\n")
    print(report)
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
