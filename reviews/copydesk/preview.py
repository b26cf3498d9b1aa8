"""The editor's preview: each proposal with its source sentence and what it would do here
(the film or person it matches, a value the film already holds and keeps)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from reviews.copydesk.services import FACT_FIELDS, matching_film
from reviews.copydesk.story import FILM_FIELDS, Source, Story
from reviews.importing.normalising import person_slug
from reviews.models import CreditRole, Film, MPAARating, Person, Photo

LABELS = {
    "title": "Title",
    "mpaa_rating": "MPAA rating",
    "running_time": "Running time",
    "content_advisory": "Content advisory",
    "where_playing": "Where playing",
    "language": "Language",
    "distributor": "Distributor",
    "stars": "Star rating",
}
#: Library stills offered for a caption: at most this many.
CANDIDATES = 5


@dataclass
class Row:
    """One line of the preview: a proposal the editor may untick."""

    key: str
    label: str
    value: str
    source: Source
    note: str = ""


def _shown(name: str, value: object) -> str:
    if name == "running_time":
        return f"{value} minutes"
    if name == "mpaa_rating":
        return MPAARating(value).label
    return str(value)


def film_rows(story: Story, film: Film | None) -> list[Row]:
    rows = []
    for name in (name for name in FILM_FIELDS if name in story.facts):
        fact = story.facts[name]
        note = ""
        if name == "title":
            note = f"matches the film {film} already here" if film else "a new film"
        elif film is not None and getattr(film, name) == fact.value:
            note = "the film already says so"
        elif film is not None and getattr(film, name):
            note = f"kept: the film already says “{_shown(name, getattr(film, name))}”"
        rows.append(Row(fact.key, LABELS[name], _shown(name, fact.value), fact.source, note))
    return rows


def review_rows(story: Story) -> list[Row]:
    """The review's own facts: its star rating."""
    fact = story.facts.get("stars")
    if fact is None:
        return []
    value = Decimal(str(fact.value))
    whole, half = divmod(int(value * 2), 2)
    shown = f"{whole}{'½' if half else ''} of 4 stars"
    return [Row(fact.key, LABELS["stars"], shown, fact.source)]


def credit_rows(story: Story) -> list[Row]:
    slugs = {person_slug(c.person) for c in story.credits}
    known = set(Person.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    rows = []
    for credit in story.credits:
        value = credit.person
        if credit.character:
            value += f" as {credit.character}"
        note = "a person already here" if person_slug(credit.person) in known else "a new person"
        label = CreditRole(credit.role).label
        rows.append(Row(credit.key, label, value, credit.source, note))
    return rows


def library_candidates(caption: str, credit: str) -> list[Photo]:
    """Usable stills of the library whose caption, or credit line, is this one's."""
    match = (
        Q(caption__iexact=caption)
        | Q(caption__iexact=caption.rstrip("."))
        | Q(credit_line__iexact=credit, caption__icontains=caption.rstrip(".")[:40])
    )
    return list(Photo.objects.usable().filter(match)[:CANDIDATES])


def build(story: Story) -> dict:
    """Everything the preview page shows, section by section."""
    title = story.facts.get("title")
    film = matching_film(str(title.value)) if title else None
    _, stills = story.arrange()
    return {
        "film": film,
        "film_rows": film_rows(story, film),
        "review_rows": review_rows(story),
        "credit_rows": credit_rows(story),
        "stills": [(slot, library_candidates(slot.caption, slot.credit)) for slot in stills],
        "unused_fields": [LABELS[n] for n in FACT_FIELDS if n not in story.facts],
    }
