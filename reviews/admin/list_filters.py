"""Filters of the review list that stay cheap at 100,000 reviews."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest

from reviews.models import Film, Genre


class GenreFilter(admin.SimpleListFilter):
    """Reviews of a genre's films, as a subquery of those films. Django's filter on the
    related field (``film__genres``) joins the genres, which makes the list a SELECT
    DISTINCT over every column, and its count one too: 100 ms at 100,000 reviews."""

    title = "genre"
    parameter_name = "genre"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [(str(genre.pk), genre.name) for genre in Genre.objects.order_by("name")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            # The admin answers this by showing the list unfiltered with "?e=1".
            raise IncorrectLookupParameters(f"No genre has the id {value!r}.")
        return queryset.filter(film__in=Film.objects.filter(genres=int(value)).values("pk"))
