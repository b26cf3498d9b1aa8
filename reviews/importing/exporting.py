"""Films with their credits, out as CSV or JSON in the very shape the importer reads.

An exported file imports back unchanged, so a desk can export, edit in a spreadsheet,
and import again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from reviews.importing.normalising import CREW_FIELDS
from reviews.importing.reading import FORMULA_STARTS
from reviews.models import Credit, CreditRole, Film

COLUMNS = [
    "title",
    "year",
    "release_date",
    "mpaa_rating",
    "running_time",
    "distributor",
    "genres",
    "external_id",
    "content_advisory",
    "where_playing",
    "language",
    *CREW_FIELDS,
    "cast",
    "other_crew",
    "synopsis",
]
_FIELD_OF_ROLE = {role: name for name, role in CREW_FIELDS.items()}


def with_credits(films: QuerySet[Film]) -> QuerySet[Film]:
    """Films with all an export needs: three queries however many films."""
    credits = Credit.objects.select_related("person").order_by("role", "billing", "id")
    return films.prefetch_related("genres", Prefetch("credits", queryset=credits)).order_by(
        "title", "year", "id"
    )


def film_record(film: Film) -> dict[str, Any]:
    """One film as a JSON-ready dict: lists for genres and people, objects for the cast."""
    record: dict[str, Any] = {
        "title": film.title,
        "year": film.year,
        "release_date": film.release_date.isoformat() if film.release_date else None,
        "mpaa_rating": film.mpaa_rating,
        "running_time": film.running_time,
        "distributor": film.distributor,
        "genres": [genre.name for genre in film.genres.all()],
        "external_id": film.external_id,
        "content_advisory": film.content_advisory,
        "where_playing": film.where_playing,
        "language": film.language,
        **{name: [] for name in CREW_FIELDS},
        "cast": [],
        "other_crew": [],
        "synopsis": film.synopsis,
    }
    for credit in film.credits.all():
        name = credit.person.name
        if credit.role == CreditRole.CAST:
            record["cast"].append({"name": name, "character": credit.character})
        elif credit.role == CreditRole.OTHER:
            record["other_crew"].append({"name": name, "job": credit.job})
        else:
            record[_FIELD_OF_ROLE[credit.role]].append(name)
    return record


def film_records(films: QuerySet[Film]) -> Iterator[dict[str, Any]]:
    for film in with_credits(films):
        yield film_record(film)


def _cell(name: str, value: Any) -> str:
    return neutralise_formula(_text(name, value))


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "cast":
        return "; ".join(
            f"{c['name']} as {c['character']}" if c["character"] else c["name"] for c in value
        )
    if name == "other_crew":
        return "; ".join(f"{c['name']} ({c['job']})" if c["job"] else c["name"] for c in value)
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def neutralise_formula(text: str) -> str:
    """A cell a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``+1``, ``@SUM``) is
    written with a leading apostrophe, so it opens as text; the importer takes it off again
    (``reviews.importing.reading.restore_formula_text``)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def export_csv(films: QuerySet[Film]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in film_records(films):
        writer.writerow([_cell(name, record[name]) for name in COLUMNS])
    return out.getvalue()


def export_json(films: QuerySet[Film]) -> str:
    document = {"films": list(film_records(films))}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
