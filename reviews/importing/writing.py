"""Matching rows to films and people, and writing them in batches.

Everything the importer compares against is held in memory (films by external id and by
title, people and genres by slug, the credits of the films it touches), so a batch of
rows costs a handful of queries however long it is: ``bulk_create`` for what is new,
``bulk_update`` for what changed. Each batch is one transaction. Should the database still
refuse a batch, it is retried row by row so that one bad row never takes good ones down.

An editor may save a film while an import runs. Each batch therefore locks the saved films
it names and reads them again before comparing (an editor's save waits for the batch, and
the batch never writes from a copy older than the editor's), and writes for each film only
the fields its own rows changed.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError
from django.utils import timezone
from django.utils.text import slugify

from reviews.editorial.names import name_key
from reviews.importing.errors import FieldError
from reviews.importing.normalising import (
    CREW_FIELDS,
    CreditSpec,
    FilmRecord,
    genre_slug,
    max_length,
    normalise,
)
from reviews.importing.reading import RawRow
from reviews.importing.report import Outcome, RowResult
from reviews.models import Credit, CreditRole, Film, Genre, Person
from reviews.transactions import write_transaction

SCALARS = (
    "title",
    "external_id",
    "release_date",
    "year",
    "mpaa_rating",
    "running_time",
    "distributor",
    "content_advisory",
    "where_playing",
    "language",
    "synopsis",
)
ROLE_LABELS = {role: name for name, role in CREW_FIELDS.items()} | {
    CreditRole.CAST: "cast",
    CreditRole.OTHER: "other_crew",
}

CreditKey = tuple[str, str, str, str]  # person slug, role, character, job


@dataclass
class NewCredit:
    film: Film
    person_slug: str
    role: str
    character: str
    job: str
    billing: int


@dataclass
class FilmState:
    """A film as the importer knows it: its credits (by key) and its genres (by slug)."""

    film: Film
    credits: dict[CreditKey, int | NewCredit] = field(default_factory=dict)
    genres: set[str] = field(default_factory=set)


@dataclass
class Batch:
    results: list[RowResult] = field(default_factory=list)
    new_films: list[Film] = field(default_factory=list)
    changed_films: dict[int, Film] = field(default_factory=dict)
    changed_fields: dict[int, set[str]] = field(default_factory=dict)  # by id() of the film
    new_people: dict[str, str] = field(default_factory=dict)
    new_genres: dict[str, str] = field(default_factory=dict)
    new_credits: list[NewCredit] = field(default_factory=list)
    new_characters: dict[int, str] = field(default_factory=dict)
    new_links: list[tuple[FilmState, str]] = field(default_factory=list)


def film_label(film: Film) -> str:
    return f'"{film.title}" ({film.year})' if film.year else f'"{film.title}"'


class FilmWriter:
    """Writes normalised rows into the database; one instance per import run."""

    def __init__(self, batch_size: int = 500) -> None:
        self.batch_size = batch_size
        self._load()

    def _load(self) -> None:
        """Read what is already there: every film, and the slugs of every person and genre."""
        self.by_external: dict[str, Film] = {}
        self.by_title: dict[str, list[Film]] = defaultdict(list)
        self.film_slugs: set[str] = set()
        for film in Film.objects.all():
            self._index(film)
        self.people: dict[str, int | None] = dict(Person.objects.values_list("slug", "id"))
        self.genres: dict[str, int | None] = dict(Genre.objects.values_list("slug", "id"))
        self.states: dict[int, FilmState] = {}  # by id() of the Film instance
        self.seen: dict[str, int] = {}  # film slug -> first row of this run that named it
        self.gone: set[int] = set()  # ids of films deleted by someone since they were read

    def _index(self, film: Film) -> None:
        if film.external_id:
            self.by_external[film.external_id] = film
        self.by_title[name_key(film.title)].append(film)
        self.film_slugs.add(film.slug)

    # Matching ---------------------------------------------------------------------------

    def find(self, record: FilmRecord) -> Film | None:
        """The film a record names: by external id, else by title and year."""
        if record.external_id and record.external_id in self.by_external:
            return self.by_external[record.external_id]
        candidates = self.by_title.get(name_key(record.title), [])
        if record.external_id:  # a film known under another id is another film
            candidates = [f for f in candidates if not f.external_id]
        if record.year is not None:
            same_year = [f for f in candidates if f.year == record.year]
            if len(same_year) > 1:
                raise FieldError(
                    "title",
                    f'several films are called "{record.title}" ({record.year}); '
                    "give an external_id",
                )
            if same_year:
                return same_year[0]
            undated = [f for f in candidates if f.year is None]
            return undated[0] if len(candidates) == 1 and undated else None
        if len(candidates) > 1:
            raise FieldError(
                "title",
                f'several films are called "{record.title}"; give a year or an external_id',
            )
        return candidates[0] if candidates else None

    # Planning ---------------------------------------------------------------------------

    def _lock(self, films: list[Film]) -> None:
        """Lock the saved films a batch names and read them again, in one query: the rows
        are compared with what is stored now, and nobody saves them until the batch is
        written. A film deleted since it was read is remembered as gone."""
        saved = {film.pk: film for film in films if film.pk is not None}
        if not saved:
            return
        fresh = Film.objects.select_for_update().filter(pk__in=saved).order_by("pk")
        found = {row.pk: row for row in fresh}
        for pk, film in saved.items():
            if pk not in found:
                self.gone.add(pk)
                continue
            for column in Film._meta.concrete_fields:
                setattr(film, column.attname, getattr(found[pk], column.attname))

    def _state(self, film: Film) -> FilmState:
        return self.states.setdefault(id(film), FilmState(film))

    def _preload(self, films: Iterable[Film]) -> None:
        """Credits and genres of the saved films a batch touches: two queries."""
        pending = {f.pk: f for f in films if f.pk is not None and id(f) not in self.states}
        if not pending:
            return
        states = {pk: self._state(film) for pk, film in pending.items()}
        credits = list(
            Credit.objects.filter(film_id__in=pending).values_list(
                "id", "film_id", "person_id", "role", "character", "job"
            )
        )
        links = list(
            Film.genres.through.objects.filter(film_id__in=pending).values_list(
                "film_id", "genre_id"
            )
        )
        slugs = self._slugs_by_id(self.people, Person, {credit[2] for credit in credits})
        genre_slugs = self._slugs_by_id(self.genres, Genre, {link[1] for link in links})
        for credit_id, film_id, person_id, role, character, job in credits:
            states[film_id].credits[(slugs[person_id], role, character, job)] = credit_id
        for film_id, genre_id in links:
            states[film_id].genres.add(genre_slugs[genre_id])

    @staticmethod
    def _slugs_by_id(index: dict[str, int | None], model, needed: set[int]) -> dict[int, str]:
        """Slugs by id, fetching any added since the import began (by an editor, say)."""
        slugs = {pk: slug for slug, pk in index.items() if pk is not None}
        missing = needed - slugs.keys()
        if missing:
            for slug, pk in model.objects.filter(pk__in=missing).values_list("slug", "id"):
                index[slug] = pk
                slugs[pk] = slug
        return slugs

    def _new_film(self, record: FilmRecord) -> Film:
        base = slugify(record.title)[:200] or "film"
        slug = base
        if slug in self.film_slugs and record.year:
            slug = f"{base}-{record.year}"
        number = 2
        while slug in self.film_slugs:
            slug = f"{base}-{record.year or ''}-{number}".replace("--", "-")
            number += 1
        film = Film(title=record.title, slug=slug)
        self._index(film)
        return film

    def _apply_fields(self, film: Film, record: FilmRecord) -> list[str]:
        changed = []
        for name in SCALARS:
            value = getattr(record, name)
            if value is None or value == getattr(film, name):
                continue
            if name == "title" and name_key(value) == name_key(film.title):
                continue  # the same title spelt differently: the desk's spelling stays
            if name == "external_id" and film.external_id:
                continue
            if name == "external_id":
                self.by_external[value] = film
            setattr(film, name, value)
            changed.append(name)
        if film.year is None and film.release_date is not None:
            film.year = film.release_date.year
            changed.append("year")
        return changed

    def _apply_genres(self, state: FilmState, record: FilmRecord, batch: Batch) -> int:
        added = 0
        for name in record.genres:
            slug = genre_slug(name)
            if slug in state.genres:
                continue
            if slug not in self.genres:
                self.genres[slug] = None
                batch.new_genres[slug] = name
            state.genres.add(slug)
            batch.new_links.append((state, slug))
            added += 1
        return added

    def _apply_credits(self, state: FilmState, record: FilmRecord, batch: Batch) -> list[str]:
        added: dict[str, int] = defaultdict(int)
        characters = 0
        billing: dict[str, int] = defaultdict(int)
        for spec in record.credits:
            billing[spec.role] += 1
            slug = spec.person_slug
            key = (slug, spec.role, spec.character, spec.job)
            if key in state.credits:
                continue
            if spec.role == CreditRole.CAST:
                same_person = [k for k in state.credits if k[:2] == (slug, CreditRole.CAST)]
                if not spec.character and same_person:
                    continue  # "Emma Stone" is already known, as Mia
                unnamed = (slug, CreditRole.CAST, "", "")
                if spec.character and unnamed in state.credits:
                    self._name_character(state, unnamed, key, batch)
                    characters += 1
                    continue
            self._add_credit(state, spec, key, billing[spec.role], batch)
            added[ROLE_LABELS[spec.role]] += 1
        changes = [f"{label} +{count}" for label, count in added.items()]
        if characters:
            changes.append(f"characters +{characters}")
        return changes

    def _name_character(
        self, state: FilmState, old: CreditKey, new: CreditKey, batch: Batch
    ) -> None:
        credit = state.credits.pop(old)
        if isinstance(credit, NewCredit):
            credit.character = new[2]
        else:
            batch.new_characters[credit] = new[2]
        state.credits[new] = credit

    def _add_credit(
        self, state: FilmState, spec: CreditSpec, key: CreditKey, billing: int, batch: Batch
    ) -> None:
        if key[0] not in self.people:
            self.people[key[0]] = None
            batch.new_people[key[0]] = spec.name
        credit = NewCredit(state.film, key[0], spec.role, spec.character, spec.job, billing)
        state.credits[key] = credit
        batch.new_credits.append(credit)

    def plan(self, record: FilmRecord, batch: Batch) -> RowResult:
        film = self.find(record)
        if film is not None and film.pk in self.gone:
            raise FieldError(
                "title",
                f"{film_label(film)} was deleted by someone else while this import ran; "
                "nothing was written for this row",
            )
        created = film is None
        if film is None:
            film = self._new_film(record)
            batch.new_films.append(film)
        state = self._state(film)
        changes = self._apply_fields(film, record)
        if changes and not created:
            batch.changed_films[id(film)] = film
            batch.changed_fields.setdefault(id(film), set()).update(changes)
        genres = self._apply_genres(state, record, batch)
        if genres:
            changes.append(f"genres +{genres}")
        changes += self._apply_credits(state, record, batch)
        notes = list(record.warnings)
        if film.slug in self.seen:
            notes.append(f"same film as row {self.seen[film.slug]}")
        else:
            self.seen[film.slug] = record.row
        if created:
            return RowResult(record.row, Outcome.CREATED, film_label(film), notes=notes)
        outcome = Outcome.UPDATED if changes else Outcome.UNCHANGED
        return RowResult(record.row, outcome, film_label(film), changes=changes, notes=notes)

    # Writing ----------------------------------------------------------------------------

    def write(
        self, rows: list[RawRow], progress: Callable[[int], None] | None = None
    ) -> list[RowResult]:
        """Import the rows batch by batch; the results in row order. ``progress`` hears the
        size of each batch once it is written."""
        results: list[RowResult] = []
        for start in range(0, len(rows), self.batch_size):
            chunk = rows[start : start + self.batch_size]
            results += self._write_batch(chunk)
            if progress:
                progress(len(chunk))
        return results

    def _write_batch(self, rows: list[RawRow]) -> list[RowResult]:
        try:
            with write_transaction():
                return self._plan_and_flush(rows)
        except DatabaseError as error:
            self._load()  # what was planned in memory is gone with the rolled-back batch
            if len(rows) > 1:
                return [result for row in rows for result in self._write_batch([row])]
            detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
            reason = f"the database refused the row: {detail}"
            return [RowResult(rows[0].number, Outcome.REJECTED, reason=reason)]

    def _plan_and_flush(self, rows: list[RawRow]) -> list[RowResult]:
        batch = Batch()
        records = [self._read(raw) for raw in rows]
        found = []
        for record in records:
            if isinstance(record, FilmRecord):
                with contextlib.suppress(FieldError):  # reported when the row is planned
                    found.append(self.find(record))
        found = [film for film in found if film is not None]
        self._lock(found)
        self._preload(film for film in found if film.pk not in self.gone)
        for record in records:
            if isinstance(record, RowResult):
                batch.results.append(record)
                continue
            try:
                batch.results.append(self.plan(record, batch))
            except FieldError as error:
                batch.results.append(RowResult(record.row, Outcome.REJECTED, reason=str(error)))
        self._flush(batch)
        return batch.results

    @staticmethod
    def _read(raw: RawRow) -> FilmRecord | RowResult:
        if raw.problem:
            return RowResult(raw.number, Outcome.REJECTED, reason=raw.problem)
        try:
            record = normalise(raw)
        except FieldError as error:
            return RowResult(raw.number, Outcome.REJECTED, reason=str(error))
        record.warnings = raw.notes + record.warnings
        return record

    def _flush(self, batch: Batch) -> None:
        """Write what the batch planned: names and films first, then what points at them."""
        self._create_genres(batch.new_genres)
        self._create_people(batch.new_people)
        self._create_films(batch.new_films)
        self._update_films(batch)
        self._update_characters(batch.new_characters)
        if batch.new_credits:
            self._create_credits(batch.new_credits)
        self._link_genres(batch.new_links)

    def _create_genres(self, new_genres: dict[str, str]) -> None:
        if new_genres:
            made = Genre.objects.bulk_create(
                Genre(name=name[: max_length(Genre, "name")], slug=slug)
                for slug, name in new_genres.items()
            )
            self._remember_ids(self.genres, Genre, made)

    def _create_people(self, new_people: dict[str, str]) -> None:
        if new_people:
            made = Person.objects.bulk_create(
                Person(name=name, slug=slug) for slug, name in new_people.items()
            )
            self._remember_ids(self.people, Person, made)

    @staticmethod
    def _create_films(new_films: list[Film]) -> None:
        """Create the films; where the database does not return ids, read them by slug, since
        their credits and genre links need them."""
        if not new_films:
            return
        Film.objects.bulk_create(new_films)
        if any(film.pk is None for film in new_films):
            slugs = [film.slug for film in new_films]
            ids = dict(Film.objects.filter(slug__in=slugs).values_list("slug", "id"))
            for film in new_films:
                film.pk = ids[film.slug]

    @staticmethod
    def _update_films(batch: Batch) -> None:
        """Each film's own changed fields only: one ``bulk_update`` per set of fields."""
        by_fields: dict[frozenset[str], list[Film]] = defaultdict(list)
        for key, film in batch.changed_films.items():
            by_fields[frozenset(batch.changed_fields[key])].append(film)
        now = timezone.now()
        for fields, films in by_fields.items():
            for film in films:
                # Raised from the locked row's: an editor's form loaded before is refused.
                film.updated_at, film.version = now, film.version + 1
            Film.objects.bulk_update(films, sorted(fields | {"updated_at", "version"}))

    @staticmethod
    def _update_characters(new_characters: dict[int, str]) -> None:
        if new_characters:
            Credit.objects.bulk_update(
                [Credit(pk=pk, character=name) for pk, name in new_characters.items()],
                ["character"],
            )

    def _link_genres(self, new_links: list[tuple[FilmState, str]]) -> None:
        if new_links:
            Film.genres.through.objects.bulk_create(
                Film.genres.through(film_id=state.film.pk, genre_id=self.genres[slug])
                for state, slug in new_links
            )

    def _create_credits(self, new_credits: list[NewCredit]) -> None:
        credits = [
            Credit(
                film_id=new.film.pk,
                person_id=self.people[new.person_slug],
                role=new.role,
                character=new.character,
                job=new.job,
                billing=new.billing,
            )
            for new in new_credits
        ]
        Credit.objects.bulk_create(credits)
        if any(credit.pk is None for credit in credits):
            self.states.clear()  # ids unknown: reload the credits when next needed
            return
        for new, credit in zip(new_credits, credits, strict=True):
            state = self.states.get(id(new.film))
            if state is not None:
                state.credits[(new.person_slug, new.role, new.character, new.job)] = credit.pk

    @staticmethod
    def _remember_ids(index: dict[str, int | None], model, made: list) -> None:
        if all(obj.pk is not None for obj in made):
            index.update((obj.slug, obj.pk) for obj in made)
        else:
            slugs = [obj.slug for obj in made]
            index.update(model.objects.filter(slug__in=slugs).values_list("slug", "id"))
