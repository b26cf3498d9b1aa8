"""Reading settings from the environment, and what settings.py derives from them.

Kept apart so that newsroom/settings.py reads as a list of settings. A value that cannot be
used fails loudly with ImproperlyConfigured naming the variable, at start-up rather than on
the first request.
"""

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    """The variable as a switch: 1, true, yes or on (any case) mean on. Empty counts as unset,
    so a blank line in a file of variables keeps the (safe) default instead of turning it off."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: str = "") -> list[str]:
    """The variable as a comma-separated list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    """The variable as a whole number; the default when unset or empty."""
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_choice(name: str, choices: Mapping[str, str], default: str) -> str:
    """The value ``choices`` gives for the variable's word (the default word when unset or
    empty); any other word is refused with the choices named."""
    word = os.environ.get(name) or default
    if word not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {word!r}")
    return choices[word]


def env_secret(name: str, *, debug: bool, development_default: str) -> str:
    """A secret that production must set: missing with DEBUG off is an error, never a
    guessable default; with DEBUG on, the development default stands in."""
    value = os.environ.get(name, "")
    if value:
        return value
    if not debug:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG is off "
            "(set DJANGO_DEBUG=1 for a developer's machine)."
        )
    return development_default


def origin(url: str | None) -> str | None:
    """scheme://host[:port] of an absolute URL; None for a relative one."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def s3_origins(options: Mapping[str, Any]) -> list[str]:
    """The addresses an S3 bucket serves files from: its custom domain if it has one, else
    the endpoint in both path and virtual-host style, else Amazon's own hosts."""
    bucket = options["bucket_name"]
    domain = options.get("custom_domain")
    endpoint = origin(options.get("endpoint_url"))
    region = options.get("region_name")
    if domain:
        return [f"https://{domain}"]
    if endpoint:
        scheme, host = endpoint.split("://", 1)
        return [endpoint, f"{scheme}://{bucket}.{host}"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins


def media_origins(media_url: str, storage: Mapping[str, Any]) -> list[str]:
    """Where stills are served from when that is not this site: a CDN or absolute MEDIA_URL,
    or the S3 bucket of the default ``storage``. The CSP's img-src must name it, or every
    still is blocked in the browser."""
    origins = [origin(media_url)]
    options = storage.get("OPTIONS") or {}
    if options.get("bucket_name"):
        origins += s3_origins(options)
    return list(dict.fromkeys(url for url in origins if url))
