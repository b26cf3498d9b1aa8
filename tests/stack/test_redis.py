"""Redis stopped under the page cache: pages are still served, uncached, and caching
resumes when it is back. The test starts and stops its own redis-server."""

import shutil
import socket
import subprocess
import time

import pytest

from tests import factories

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.1).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("redis-server did not start")


def test_pages_survive_a_stopped_redis_and_caching_resumes_when_it_is_back(client, settings):
    port = free_port()
    redis = start_redis(port)
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    try:
        review = factories.ReviewFactory(published=True, headline="Still Served")
        url = review.get_absolute_url()
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
        redis.terminate()
        redis.wait(5)
        down = client.get(url)
        assert down.status_code == 200 and b"Still Served" in down.content
        redis = start_redis(port)
        assert client.get(url)["X-Page-Cache"] == "miss"  # the restarted Redis kept nothing
        assert client.get(url)["X-Page-Cache"] == "hit"
    finally:
        redis.kill()
        redis.wait(5)
