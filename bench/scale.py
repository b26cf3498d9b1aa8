"""Time the readers' and editors' pages on a big paper's archive, in process.

Generates the archive first when the database does not hold it yet (bench/archive.py:
100,000 reviews on PostgreSQL, or 10,000 on SQLite with ``--sqlite``), then requests each
page through Django's test client against the real URLconf, with production settings and
every cache off (page and fragment caches, and a dummy cache backend for the rest). For each
page: the median and 99th-percentile time, and the SQL queries of one request.

Every request is bounded: past ``--timeout`` seconds its running query is cancelled and the
page is recorded as "over N s"; a page whose first request takes over ``--slow`` seconds is
timed three times, not ``--rounds`` times; a search at least 100 times, for its p99.
Results go to bench/results/scale-*.json and .md (scale-sqlite-* for the SQLite archive).

    make bench-scale                               # PostgreSQL, 100,000 reviews
    .venv/bin/python bench/scale.py --sqlite       # SQLite, 10,000 reviews
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import math
import os
import re
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import archive, common


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", action="store_true", help="a SQLite archive instead")
    parser.add_argument("--reviews", type=int, help="archive size (default 100,000; 10,000)")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 30)))
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of timing a page")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds a request may take")
    parser.add_argument("--slow", type=float, default=5.0, help="a first request this slow: 3 runs")
    parser.add_argument(
        "--page-cache-off",
        action="store_true",
        help="only the page cache off: the fragment cache (the review page's parts, listing "
        "cards) and what is cached per content version (counts, entry points) kept in the "
        "local-memory cache, as a page-cache miss is served in production",
    )
    return parser.parse_args()


class Bound:
    """One request's limits: counts its queries, and once ``seconds`` have passed cancels
    the query running and refuses the next ones."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.queries = 0
        self.expired = False

    def __call__(self, execute, sql, params, many, context):
        if time.perf_counter() > self.until:
            self.expired = True
            raise TimeoutError(f"request over {self.seconds:g} s")
        self.queries += 1
        return execute(sql, params, many, context)

    def cancel(self) -> None:
        from django.db import connection

        self.expired = True
        raw = connection.connection
        if raw is None:
            return
        if connection.vendor == "postgresql":
            raw.cancel_safe()
        elif connection.vendor == "sqlite":
            raw.interrupt()

    @contextlib.contextmanager
    def applied(self) -> Iterator[Bound]:
        from django.db import connection

        self.until = time.perf_counter() + self.seconds
        timer = threading.Timer(self.seconds, self.cancel)
        timer.daemon = True
        timer.start()
        try:
            with connection.execute_wrapper(self):
                yield self
        finally:
            timer.cancel()


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (with fewer than 100 samples, p99 is the slowest)."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


#: Runs a search gets at least: its target is a 99th percentile, which needs 100 samples to
#: be more than the slowest run.
SEARCH_ROUNDS = 100


def measure(client, path: str, args: argparse.Namespace, rounds: int = 0) -> tuple[dict, bytes]:
    """Time ``path``: a warm-up, then up to ``rounds`` runs (``args.rounds`` unless given)
    within ``budget`` seconds (at least five), or three runs in all when the warm-up was
    slower than ``slow``."""
    rounds = rounds or args.rounds
    samples: list[float] = []
    queries: set[int] = set()
    content = b""
    result: dict = {"path": path}
    warm_up = True
    while True:
        bound = Bound(args.timeout)
        try:
            with bound.applied():
                started = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - started
        except Exception as exc:  # a cancelled query, or a page that fails
            if bound.expired:
                result["over_s"] = args.timeout
            else:
                result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
            break
        result["status"] = response.status_code
        content = response.content
        result["bytes"] = len(content)
        if response.status_code != 200:
            break
        if warm_up:
            warm_up = False
            if elapsed <= args.slow:
                continue  # not counted
            result["slow_first_run_s"] = round(elapsed, 2)
        samples.append(elapsed)
        queries.add(bound.queries)
        slow = "slow_first_run_s" in result
        if len(samples) >= (3 if slow else rounds):
            break
        if not slow and len(samples) >= 5 and sum(samples) > args.budget:
            break
    result["runs"] = len(samples)
    if samples:
        result |= {
            "median_ms": round(statistics.median(samples) * 1000, 1),
            "p99_ms": round(percentile(samples, 0.99) * 1000, 1),
            "min_ms": round(min(samples) * 1000, 1),
            "max_ms": round(max(samples) * 1000, 1),
            "queries": max(queries),
        }
        if len(queries) > 1:
            result["queries_varied"] = sorted(queries)
    return result, content


def search_hits(query: str, timeout: float) -> dict | None:
    """How many reviews, films and people the search finds (None if it cannot say)."""
    try:
        from reviews.public.search import search

        with Bound(timeout).applied():
            results = search(query)
        return {kind: len(getattr(results, kind)) for kind in ("reviews", "films", "people")}
    except Exception:
        return None


def sitemap_section(content: bytes) -> str | None:
    """The first section's address when /sitemap.xml is an index, else None."""
    if b"<sitemapindex" not in content:
        return None
    match = re.search(rb"<loc>\s*https?://[^/<]+(/[^<]*?)\s*</loc>", content)
    return match.group(1).decode().replace("&amp;", "&") if match else None


def pages(landmarks: dict) -> list[tuple[str, str, bool]]:
    """(name, address, as the superuser) for every page timed."""
    from django.urls import reverse

    from reviews.models import Genre, Review
    from reviews.public.views import ArchiveView

    def url(name: str, **query) -> str:
        return reverse(name) + (f"?{urlencode(query)}" if query else "")

    published = Review.objects.published().count()
    last = max(math.ceil(published / ArchiveView.paginate_by), 1)
    genre = Genre.objects.get(slug=landmarks["genre"])
    # Its reviews sit deepest in the newest-first listing.
    years = Review.objects.published().exclude(film__year=None).values_list("film__year", flat=True)
    oldest = years.order_by("film__year").first()
    changelist = "admin:reviews_review_changelist"
    return [
        ("home", url("reviews:home"), False),
        ("a review", reverse("reviews:review-detail", args=[landmarks["review"]]), False),
        ("review of the 200-credit film",
         reverse("reviews:review-detail", args=[landmarks["big_film_review"]]), False),
        ("film with 200 credits", reverse("reviews:film-detail", args=[landmarks["big_film"]]),
         False),
        ("person with 100 credits",
         reverse("reviews:person-detail", args=[landmarks["busy_person"]]), False),
        ("archive, page 1", url("reviews:archive"), False),
        (f"archive, last page ({last:,})", url("reviews:archive", page=last), False),
        ("archive, filtered", url("reviews:archive", genre=genre.slug, mpaa="R", stars=3), False),
        (f"archive, the oldest year ({oldest})", url("reviews:archive", year=oldest), False),
        ("search, common word", url("reviews:search", q=landmarks["common_word"]), False),
        ("search, rare word", url("reviews:search", q=landmarks["rare_word"]), False),
        ("search, misspelt name", url("reviews:search", q=landmarks["misspelling"]), False),
        ("search, full name", url("reviews:search", q="Ryan Gosling"), False),
        ("feed (RSS)", url("reviews:feed-rss"), False),
        ("sitemap.xml", url("reviews:sitemap"), False),
        ("admin review list", url(changelist), True),
        ("admin review list, searched", url(changelist, q="night"), True),
        ("admin review list, filtered",
         url(changelist, status__exact="published", genre=genre.pk), True),
    ]  # fmt: skip


def statement_timeout(seconds: float):
    """A connection_created receiver: PostgreSQL itself gives up on a statement this slow
    (a second guard behind the harness's own cancel)."""

    def receiver(sender, connection, **kwargs) -> None:
        if connection.vendor == "postgresql":
            # On the driver's connection: not one of the page's queries, and not counted.
            connection.connection.execute(f"SET statement_timeout = {int(seconds * 1000) + 1000}")

    return receiver


def cell_ms(result: dict, key: str) -> str:
    if "over_s" in result and key not in result:
        return f"over {result['over_s']:g} s"
    if key not in result:
        return "–"
    return f"{result[key]:,.1f}"


def note(result: dict) -> str:
    parts = [result["na"]] if "na" in result else []
    if "error" in result:
        parts.append(f"error: {result['error']}")
    if result.get("status") not in (None, 200):
        parts.append(f"HTTP {result['status']}")
    if "over_s" in result:
        parts.append(f"a request passed {result['over_s']:g} s and was cancelled")
    if "slow_first_run_s" in result:
        parts.append(f"first run {result['slow_first_run_s']} s: 3 runs only")
    if "queries_varied" in result:
        parts.append("queries varied: " + ", ".join(map(str, result["queries_varied"])))
    if hits := result.get("hits"):
        parts.append("found " + ", ".join(f"{n} {kind}" for kind, n in hits.items()))
    if "bytes" in result:
        parts.append(f"{result['bytes'] / 1024:,.0f} KiB")
    return "; ".join(parts)


def caching(settings: dict) -> str:
    if settings.get("page_cache_off"):
        return (
            "page cache off; fragment cache and counts per version in the local-memory "
            "cache, filled by the warm-up (a page-cache miss)"
        )
    return "no cache"


def markdown(data: dict) -> str:
    a = data["archive"]
    counts = ", ".join(f"{n:,} {kind}" for kind, n in a["counts"].items())
    made = (f"reused (generated {a['made_at']} in {a['generation_s']:.0f} s)" if a["reused"]
            else f"generated in {a['generation_s']:.0f} s")  # fmt: skip
    rows = [
        [r["name"], f"`{r['path']}`", cell_ms(r, "median_ms"), cell_ms(r, "p99_ms"),
         str(r.get("queries", "–")), str(r.get("runs", 0)), note(r)]
        for r in data["pages"]
    ]  # fmt: skip
    table = common.markdown_table(
        ["page", "address", "median ms", "p99 ms", "queries", "runs", "notes"], rows
    )
    return (
        f"## Pages on a big archive, in process ({data['when']})\n\n"
        f"{data['database']}; {counts}; archive {made}.\n"
        f"Django test client, DEBUG off, {caching(data['settings'])}; "
        f"up to {data['settings']['rounds']} runs ({SEARCH_ROUNDS} for a search) "
        f"a page after a warm-up (at most {data['settings']['budget_s']:g} s of them), "
        f"3 when the first takes over {data['settings']['slow_s']:g} s, each request cut "
        f"at {data['settings']['timeout_s']:g} s. p99 is the slowest run when there are "
        f"fewer than 100. {data['machine']['cpus']} CPUs, shared.\n\n{table}\n"
    )


def main() -> None:
    args = parse_args()
    reviews = args.reviews or (archive.SQLITE_REVIEWS if args.sqlite else archive.DEFAULT_REVIEWS)
    url = (
        archive.sqlite_url(reviews)
        if args.sqlite
        else os.environ.get("BENCH_DATABASE_URL") or archive.DEFAULT_DATABASE_URL
    )
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    if url.startswith("postgres"):
        archive.ensure_postgres_database(url, print)
    media = common.RESULTS / "media"
    archive.setup_django(url, media)

    import logging

    from django.contrib.auth.models import User
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django.test import Client, override_settings

    from reviews import models

    marker = archive.ensure_archive(archive.Size(reviews), media)
    # Errors are recorded in the results; the log would print each traceback as well.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    connection.close()
    connection_created.connect(statement_timeout(args.timeout), weak=False)
    # Every cache off: no page and no fragment is looked for (a dummy cache alone would
    # still have them looked for and rendered every time, as on a miss).
    caches = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    if args.page_cache_off:
        caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    no_cache = override_settings(
        CACHES=caches, PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=args.page_cache_off
    )
    no_cache.enable()

    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    reader, editor = Client(), Client()
    # As a gunicorn worker starts (gunicorn.conf.py's pre_fork): the app's objects frozen,
    # so a collection of the oldest generation does not walk them in a timed request.
    gc.freeze()
    editor.force_login(admin)

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else
                       "SELECT 'SQLite ' || sqlite_version()")  # fmt: skip
        database = cursor.fetchone()[0].split(" on ")[0].split(",")[0]

    results = []
    todo = pages(marker["landmarks"])
    while todo:
        name, path, as_admin = todo.pop(0)
        print(f"  {name}: {path}", flush=True)
        rounds = max(args.rounds, SEARCH_ROUNDS) if path.startswith("/search/") else 0
        result, content = measure(editor if as_admin else reader, path, args, rounds)
        result["name"] = name
        if path.startswith("/search/") and "median_ms" in result:
            result["hits"] = search_hits(re.sub(r".*[?&]q=", "", path).replace("+", " "),
                                         args.timeout)  # fmt: skip
        results.append(result)
        if name == "sitemap.xml":
            section = sitemap_section(content)
            if section:
                todo.insert(0, ("sitemap section", section, False))
            else:
                why = "n/a: /sitemap.xml is one sitemap, not an index of sections"
                results.append({"name": "sitemap section", "path": "n/a", "na": why})

    data = {
        "benchmark": "scale",
        "when": common.now_iso(),
        "machine": common.machine(),
        "database": database,
        "archive": {
            "counts": {
                "reviews": models.Review.objects.count(),
                "published reviews": models.Review.objects.published().count(),
                "films": models.Film.objects.count(),
                "credits": models.Credit.objects.count(),
                "people": models.Person.objects.count(),
                "stills": models.Photo.objects.count(),
                "renditions": models.Rendition.objects.count(),
            },
            "spec": marker["spec"],
            "landmarks": marker["landmarks"],
            "reused": marker["reused"],
            "generation_s": marker["seconds"],
            "made_at": marker["made_at"],
        },
        "settings": {
            "rounds": args.rounds,
            "budget_s": args.budget,
            "timeout_s": args.timeout,
            "slow_s": args.slow,
            "page_cache_off": args.page_cache_off,
        },  # fmt: skip
        "pages": results,
    }
    text = markdown(data)
    # The SQLite archive's figures apart, so that its run does not replace scale-latest.
    name = "scale" if connection.vendor == "postgresql" else f"scale-{connection.vendor}"
    if args.page_cache_off:
        name += "-page-cache-off"
    json_path, md_path = common.write_results(name, data, text)
    print(text)
    print(f"written to {json_path.relative_to(common.ROOT)} and {md_path.name}")


if __name__ == "__main__":
    main()
