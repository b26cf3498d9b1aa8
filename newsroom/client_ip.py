"""The address a sign-in attempt comes from, for django-axes' lockouts."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind ``NEWSROOM_PROXY_COUNT`` proxies the address the outermost one saw.

    Each proxy appends the address it received the request from, so with N proxies the
    client is the Nth entry from the end of X-Forwarded-For; entries before it are whatever
    the client sent and are never believed.
    """
    count = settings.NEWSROOM_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
