"""Pages of a long list that cost the same on page 1,894 as on page 1.

``ArchivePaginator`` finds the page's ids first (an index-only walk of the listing index,
however deep the offset), then loads only those rows with their joins and prefetches; and it
counts the list once per content version (``reviews.models.content``), not on every request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.core.paginator import Page, Paginator

from reviews.models.content import content_state


def per_content_version(name: str, compute: Callable[[], object]) -> object:
    """``compute()``, cached until the content (or the next scheduled moment) changes.

    A cache that is down only means it is computed every time.
    """
    version, moment = content_state()
    key = f"facts:{version}:{moment}:{hashlib.sha256(name.encode()).hexdigest()}"
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - any backend's connection error
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, 86400)
        except Exception:  # noqa: BLE001
            pass
    return value


#: From this offset on, a page's ids are found first: skipping rows in the index alone is
#: cheap, skipping them through the joins is not.
DEFERRED_JOIN_FROM = 500


class ArchivePaginator(Paginator):
    """A paginator over a queryset whose count is cached under ``count_key`` (the list's
    filters) and whose pages are fetched ids first."""

    def __init__(self, object_list, per_page, *args, count_key: str = "", **kwargs) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_key = count_key

    @property
    def count(self) -> int:
        if "_count" not in self.__dict__:
            ids = self.object_list.values("pk")
            self.__dict__["_count"] = per_content_version(f"count:{self.count_key}", ids.count)
        return self.__dict__["_count"]

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom < DEFERRED_JOIN_FROM:
            return self._get_page(list(self.object_list[bottom:top]), number, self)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(list(self.object_list.filter(pk__in=ids)), number, self)
