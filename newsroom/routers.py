"""Reads from a replica for readers, everything else on the primary.

With ``DATABASE_REPLICA_URL`` set, a reader's GET (no session cookie) reads from the
replica; staff (who must see what they just saved), every POST and every write use the
primary. Without a replica the router is not installed and the middleware only marks the
request.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase

reader_request: ContextVar[bool] = ContextVar("reader_request", default=False)


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        is_reader = request.method in ("GET", "HEAD") and (
            settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        token = reader_request.set(is_reader)
        try:
            return self.get_response(request)
        finally:
            reader_request.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints) -> str:
        return "replica" if reader_request.get() else "default"

    def db_for_write(self, model: type[Model], **hints) -> str:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"
