"""Time ``import_films`` on 10,000 films with 100,000 credits on a fresh SQLite database.

Run with ``make bench-import`` (or ``make bench``). Writes bench/results/import_films.txt
and .json. Options: --films N, --credits-per-film N, --keep (keep the work folder).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

GENRES = ["Drama", "Comedy", "Musical", "Thriller", "Horror", "Documentary", "Romance",
          "Science fiction", "Animation", "Western", "Crime", "War"]  # fmt: skip
RATINGS = ["G", "PG", "PG-13", "R", "NC-17", "Not Rated", "Unrated"]
DISTRIBUTORS = ["Lionsgate", "A24", "Neon", "Focus Features", "Paramount", "Netflix"]
FIRST = "Emma Ryan Mahershala Naomi Tilda Oscar Greta Adam Lupita Joaquin Saoirse Viola".split()
LAST = "Stone Gosling Ali Watts Swinton Isaac Gerwig Driver Nyong'o Phoenix Ronan Davis".split()


def write_file(path: Path, films: int, credits_per_film: int, seed: int = 7) -> int:
    """A CSV as a distributor might send it; returns the number of credits in it."""
    rng = random.Random(seed)
    pool = [f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}" for n in range(films * 2)]
    credits = 0
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Title", "Release Date", "MPAA", "Runtime", "Distributor", "Genres",
                         "Director", "Cast", "IMDb ID"])  # fmt: skip
        for number in range(films):
            people = rng.sample(pool, credits_per_film)
            cast = "; ".join(f"{name} as Part {i}" for i, name in enumerate(people[1:], 1))
            date = f"{rng.randint(1920, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            writer.writerow([
                f"Bench Film {number:05d}", date, rng.choice(RATINGS),
                f"{rng.randint(1, 3)}h {rng.randint(0, 59)}m", rng.choice(DISTRIBUTORS),
                ", ".join(rng.sample(GENRES, 2)), people[0], cast, f"tt{9000000 + number}",
            ])  # fmt: skip
            credits += credits_per_film
    return credits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--films", type=int, default=10_000)
    parser.add_argument("--credits-per-film", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from reviews.importing import import_films
    from reviews.models import Credit, Film, Person

    call_command("migrate", verbosity=0)
    source = work / "films.csv"
    credits = write_file(source, args.films, args.credits_per_film)
    data = source.read_bytes()

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    runs = {}
    for label, dry_run in [("first import", False), ("same file again", False),
                           ("dry run", True)]:  # fmt: skip
        queries = 0
        with connection.execute_wrapper(count):
            started = time.perf_counter()
            report = import_films(data, source.name, dry_run=dry_run)
            seconds = time.perf_counter() - started
        runs[label] = {"seconds": round(seconds, 2), "queries": queries, "counts": report.counts}

    totals = {"films": Film.objects.count(), "people": Person.objects.count(),
              "credits": Credit.objects.count()}  # fmt: skip
    result = {
        "benchmark": "import_films",
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "file": {"rows": args.films, "credits": credits, "bytes": len(data)},
        "database": f"SQLite {__import__('sqlite3').sqlite_version}",
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "runs": runs,
        "in_database_after": totals,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "import_films.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f"import_films benchmark, {result['when']}",
        f"file: {args.films:,} films, {credits:,} credits, {len(data) / 1e6:.1f} MB CSV",
        f"{result['database']}, Python {result['python']}, {result['machine']}",
        *(
            f"{label}: {run['seconds']:.2f} s, {run['queries']:,} queries, "
            + ", ".join(f"{k} {v:,}" for k, v in run["counts"].items())
            for label, run in runs.items()
        ),
        "in the database after: " + ", ".join(f"{v:,} {k}" for k, v in totals.items()),
    ]
    (RESULTS / "import_films.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"written to {RESULTS / 'import_films.txt'}")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
