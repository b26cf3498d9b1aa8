"""The site's settings with bench/lighthouse_urls.py: the media served too, as the object
store or CDN in front of production serves them (Django serves none with DEBUG off)."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.lighthouse_urls"
