"""The site's settings with the benchmark's URLconf (bench/floor_urls.py); nothing else
differs, so the floor view passes through the same middleware as every page."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
