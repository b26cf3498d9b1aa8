"""Throughput under load: the site on gunicorn (2 workers) on loopback, wrk a few seconds a
page, each page's requests per second beside the floor's.

The site runs with production settings on a throwaway SQLite demo database (``manage.py
migrate`` and ``manage.py seed_demo`` in a temporary folder) with bench/floor_settings.py,
which adds ``/bench/floor/``: a constant response through the same middleware. Pages:

- the floor view, the most any page can do on this server (first and last: each ratio is
  to the mean of the two, since other work on the machine comes and goes);
- a static file, when whitenoise is in the middleware (Django itself serves no static files
  with DEBUG off; without whitenoise the row says n/a);
- the demo's La La Land review, /reviews/la-la-land-review/: from the page cache; on a
  page-cache miss (bench/miss.lua gives every request an address of its own, so the page
  cache never holds it, and counts any response it answered anyway), with the page's
  fragments from the cache; and built in full, as for a signed-in reader (a session cookie
  passes every cache by).

Results go to bench/results/load-*.json and .md. Usage: ``make bench-load`` or
``.venv/bin/python bench/load.py --duration 8 --connections 4``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common

BIN = common.ROOT / ".venv" / "bin"
REVIEW = "/reviews/la-la-land-review/"
FLOOR = "/bench/floor/"
MISS_SCRIPT = common.ROOT / "bench" / "miss.lua"
STATIC_FILE = "css/site.css"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds of wrk a page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    return parser.parse_args()


def run(env: dict, *command: str) -> str:
    done = subprocess.run(command, env=env, cwd=common.ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"bench: {' '.join(command[1:3])} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def manage(env: dict, *arguments: str) -> str:
    return run(env, str(common.PYTHON), "manage.py", *arguments)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, int]:
    """Status and size of one GET (redirects are not followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("bench: gunicorn exited at start (see its log above)")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"bench: gunicorn did not answer {url} within {seconds:g} s")


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * UNITS_MS[unit], 2)


def wrk(url: str, args: argparse.Namespace, seconds: int, headers: tuple = ()) -> dict:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s",
               "--timeout", "10s", "--latency", *headers, url]  # fmt: skip
    if "-s" in headers:  # the script's mark for this run: addresses no other run asked for
        command += ["--", str(time.time_ns())]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result: dict = {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])}
    result["requests"] = int(re.search(r"(\d+) requests in", output)[1])
    for share, value in re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE):
        result[f"p{share}_ms"] = to_ms(value)
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result["non_2xx"] = int(match[1])
    if match := re.search(r"Socket errors: (.*)", output):
        result["socket_errors"] = match[1]
    if match := re.search(r"Not page-cache misses: (\d+)", output):
        result["not_misses"] = int(match[1])
    return result


def prepare_site(scratch: Path) -> tuple[dict, dict]:
    """The demo database and (with whitenoise) the collected static files; returns the
    environment gunicorn runs with and what was found."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env |= common.BASE_ENV | {
        "DATABASE_URL": f"sqlite:///{scratch / 'demo.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(common.ROOT),
    }
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo")
    found = {"demo_seconds": round(time.perf_counter() - started, 1)}
    probe = (
        "import json; from django.conf import settings; "
        "print(json.dumps(any('whitenoise' in m.lower() for m in settings.MIDDLEWARE)))"
    )
    found["whitenoise"] = json.loads(manage(env, "shell", "-c", probe).strip().splitlines()[-1])
    # As a deployment does; pages need it too once the static storage keeps a manifest.
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    if found["whitenoise"]:
        url = f"from django.templatetags.static import static; print(static({STATIC_FILE!r}))"
        found["static_path"] = manage(env, "shell", "-c", url).strip().splitlines()[-1]
    env["DJANGO_SETTINGS_MODULE"] = "bench.floor_settings"
    return env, found


def miss_note(row: dict) -> str:
    """How many of a miss run's responses the page cache answered (none, when honest)."""
    if "not_misses" not in row:
        return ""
    return f"{row['not_misses']:,} served by the page cache"


def markdown(data: dict) -> str:
    rows = []
    for row in data["pages"]:
        if "requests_per_s" not in row:
            rows.append([row["name"], f"`{row['path']}`", "n/a", "n/a", "–", "–", row["note"]])
            continue
        errors = row.get("non_2xx", 0)
        ratio = row.get("ratio_to_floor")
        rows.append([
            row["name"], f"`{row['path']}`", f"{row['requests_per_s']:,.0f}",
            f"{ratio:.2f}" if ratio is not None else "–", f"{row.get('p50_ms', 0):,.1f}",
            f"{row.get('p99_ms', 0):,.1f}",
            "; ".join(filter(None, [row.get("note", ""),
                                    f"{errors} non-2xx" if errors else "",
                                    f"{row['requests']:,} requests",
                                    miss_note(row)])),
        ])  # fmt: skip
    table = common.markdown_table(
        ["page", "address", "requests/s", "vs floor", "p50 ms", "p99 ms", "notes"], rows
    )
    s = data["settings"]
    return (
        f"## Throughput under load ({data['when']})\n\n"
        f"gunicorn {data['gunicorn']} ({s['workers']} sync workers) on 127.0.0.1, DEBUG off, "
        f"SQLite demo database; wrk {s['threads']} thread, {s['connections']} connections, "
        f"{s['duration_s']} s a page after a 1 s warm-up. wrk and gunicorn share the "
        f"machine's {data['machine']['cpus']} CPUs (with other work), so compare ratios "
        f"more than absolutes.\n\n{table}\n"
    )


def main() -> None:
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is not installed (apt-get install wrk)")
    if not (BIN / "gunicorn").exists():
        raise SystemExit("bench: gunicorn is not installed (pip install -r requirements.txt)")
    version = run(dict(os.environ), str(BIN / "gunicorn"), "--version").split()[-1].strip("()")
    with tempfile.TemporaryDirectory(prefix="newsroom-load-") as folder:
        scratch = Path(folder)
        print("preparing the demo site ...", flush=True)
        env, found = prepare_site(scratch)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (scratch / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "newsroom.wsgi:application", "--workers", str(args.workers),
             "--bind", f"127.0.0.1:{port}", "--chdir", str(common.ROOT),
             "--log-level", "warning"],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for(base + FLOOR, server)
            # Every request of the miss run asks for an address no request asked for before.
            miss = ("-s", str(MISS_SCRIPT))
            # A session cookie (even one that names no session) passes every cache by (staff
            # are never served from one): the page is built in full every time.
            full = ("-H", "Cookie: sessionid=bench-no-such-session")
            targets = [("floor view", FLOOR, ()), ("static file", found.get("static_path"), ()),
                       ("demo review (page cache)", REVIEW, ()),
                       ("demo review (page cache missed, fragments)", REVIEW, miss),
                       ("demo review (built in full)", REVIEW, full),
                       ("floor view", FLOOR, ())]  # fmt: skip
            rows = []
            for name, path, headers in targets:
                if path is None:
                    rows.append({"name": name, "path": f"/static/{STATIC_FILE}",
                                 "note": "n/a: whitenoise is not in the settings yet"})  # fmt: skip
                    continue
                status, size = fetch(base + path)
                row = {"name": name, "path": path, "status": status, "bytes": size}
                if status != 200:
                    rows.append(row | {"note": f"n/a: HTTP {status}"})
                    continue
                print(f"  wrk {path} ...", flush=True)
                wrk(base + path, args, 1, headers)  # warm-up
                size_note = f"{size / 1024:,.1f} KiB" if size >= 1024 else f"{size} bytes"
                measured = wrk(base + path, args, args.duration, headers)
                rows.append(row | measured | {"note": size_note})
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
            server_log = (scratch / "gunicorn.log").read_text().strip()
    # The floor is measured first and last: other work on the machine comes and goes, and
    # each page is compared with the mean of the two.
    floors = [r["requests_per_s"] for r in rows if r["name"] == "floor view"
              and "requests_per_s" in r]  # fmt: skip
    floor = sum(floors) / len(floors) if floors else None
    for row in rows:
        if floor and "requests_per_s" in row:
            row["ratio_to_floor"] = round(row["requests_per_s"] / floor, 3)
    data = {
        "benchmark": "load",
        "when": common.now_iso(),
        "machine": common.machine(),
        "gunicorn": version,
        "site": found,
        "settings": {
            "workers": args.workers,
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
        },  # fmt: skip
        "pages": rows,
        "server_log_tail": server_log[-2000:],
    }
    text = markdown(data)
    json_path, md_path = common.write_results("load", data, text)
    print(text)
    print(f"written to {json_path.relative_to(common.ROOT)} and {md_path.name}")


if __name__ == "__main__":
    main()
