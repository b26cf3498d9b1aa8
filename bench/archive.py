"""Generate a big paper's archive: 100,000 reviews of 50,000 films with 500,000 credits.

Written the way an import writes, with ``bulk_create`` in batches, into PostgreSQL
(``BENCH_DATABASE_URL``, by default ``newsroom_bench`` on 127.0.0.1, created when missing)
or, with ``--sqlite``, a smaller SQLite archive under bench/results/. A table of its own
(``bench_archive``) records what was generated; the next run finds it and reuses the
database when the size matches, so only the first run pays for the generation.

    .venv/bin/python bench/archive.py                 # 100,000 reviews on PostgreSQL
    .venv/bin/python bench/archive.py --sqlite        # 10,000 reviews on SQLite

Besides the bulk, the archive holds the pages a benchmark wants to find: a film with 200
credits, a person (Ryan Gosling) with 100, a rare word in exactly three reviews, and the
slugs of each in ``bench_archive`` (``landmarks``).
"""

from __future__ import annotations

import argparse
import datetime
import io
import itertools
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common, words

#: Raise when the generator changes what it writes: an archive of another version is
#: generated again rather than reused.
VERSION = 3
SEED = 11
BATCH = 1000
DEFAULT_REVIEWS = 100_000
SQLITE_REVIEWS = 10_000
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench"

RARE_WORD = "zugzwang"
RARE_WORD_REVIEWS = 3
COMMON_WORD = "performance"
BIG_FILM_TITLE = "The Long Night of Everyone"
BIG_FILM_CREDITS = 200
BUSY_PERSON_CREDITS = 100
MARKER_TABLE = "bench_archive"
SHARED_STILLS = 4
RENDITION_WIDTHS = (320, 960)
#: The rendition rows of each generated still: (spec, width, height).
STILL_RENDITIONS = [
    *((f"w{width}", width, width * 9 // 16) for width in (320, 640, 960, 1280)),
    ("card", 1280, 720),
    ("social", 720, 720),
]

Log = Callable[[str], None]


@dataclass(frozen=True)
class Size:
    """How big an archive is; everything scales with the number of reviews."""

    reviews: int

    @property
    def films(self) -> int:
        return self.reviews // 2

    @property
    def credits(self) -> int:
        return self.reviews * 5

    @property
    def people(self) -> int:
        return self.reviews

    @property
    def stills(self) -> int:
        return max(300, self.reviews * 3 // 100)

    @property
    def critics(self) -> int:
        return 40

    def spec(self) -> dict:
        return {
            "version": VERSION,
            "seed": SEED,
            "reviews": self.reviews,
            "films": self.films,
            "credits": self.credits,
            "people": self.people,
            "stills": self.stills,
            "critics": self.critics,
        }


def sqlite_url(reviews: int) -> str:
    return f"sqlite:///{common.RESULTS / f'archive-{reviews}.sqlite3'}"


def ensure_postgres_database(url: str, log: Log) -> None:
    """Create the database ``url`` names when it does not exist (never drops one)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            log(f"created PostgreSQL database {name}")


def setup_django(database_url: str, media_root: Path) -> None:
    """Configure and start Django on the benchmark database (once per process)."""
    common.configure(
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(media_root),
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    )
    import django

    django.setup()


# The marker ------------------------------------------------------------------------------


def read_marker() -> dict | None:
    from django.db import connection

    if MARKER_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT spec, landmarks, seconds, made_at FROM {MARKER_TABLE}")
        row = cursor.fetchone()
    if row is None:
        return None
    return {"spec": json.loads(row[0]), "landmarks": json.loads(row[1]),
            "seconds": row[2], "made_at": row[3]}  # fmt: skip


def write_marker(spec: dict, landmarks: dict, seconds: float) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(spec TEXT NOT NULL, landmarks TEXT NOT NULL, seconds REAL, made_at TEXT)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, %s, %s)",
            [json.dumps(spec), json.dumps(landmarks), seconds, common.now_iso()],
        )


def wipe(log: Log) -> None:
    """Empty a benchmark database (one that carries the marker) and migrate it afresh."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    else:
        path = Path(connection.settings_dict["NAME"])
        connection.close()
        path.unlink(missing_ok=True)
    log("emptied the old benchmark archive")
    call_command("migrate", verbosity=0)


def ensure_archive(size: Size, media_root: Path, log: Log = print) -> dict:
    """The archive at ``size`` in the configured database: reused when the marker says it
    is there, generated otherwise. Returns the marker (spec, landmarks, seconds) and
    whether it was reused."""
    from django.core.management import call_command

    from reviews.models import Review

    call_command("migrate", verbosity=0)
    write_shared_files(media_root)
    marker = read_marker()
    if marker and marker["spec"] == size.spec():
        log(f"reusing the archive generated {marker['made_at']} ({marker['seconds']:.0f} s)")
        return marker | {"reused": True}
    if marker:
        wipe(log)
    elif Review.objects.exists():
        raise SystemExit(
            "bench: this database has reviews but no benchmark marker; "
            "refusing to fill or empty it (point BENCH_DATABASE_URL at a database of its own)"
        )
    started = time.perf_counter()
    landmarks = Generator(size, log).run()
    seconds = round(time.perf_counter() - started, 1)
    write_marker(size.spec(), landmarks, seconds)
    log(f"generated in {seconds:.0f} s")
    return {"spec": size.spec(), "landmarks": landmarks, "seconds": seconds,
            "made_at": common.now_iso(), "reused": False}  # fmt: skip


# Files -------------------------------------------------------------------------------------


def still_name(n: int) -> str:
    return f"stills/bench/still-{n}.jpg"


def rendition_name(n: int, width: int, fmt: str) -> str:
    return f"renditions/bench/still-{n}-w{width}.{'jpg' if fmt == 'jpeg' else 'webp'}"


def write_shared_files(media_root: Path) -> None:
    """The few real image files every generated still and rendition points at."""
    from PIL import Image

    for n in range(SHARED_STILLS):
        original = media_root / still_name(n)
        if original.exists():
            continue
        original.parent.mkdir(parents=True, exist_ok=True)
        grain = Image.effect_noise((320, 180), 40 + n * 10).resize((1280, 720))
        ramp = Image.linear_gradient("L").resize((1280, 720))
        image = Image.merge("RGB", (ramp, grain, ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
        image.save(original, "JPEG", quality=85)
        for width in RENDITION_WIDTHS:
            small = image.resize((width, width * 9 // 16))
            for fmt, pil in (("jpeg", "JPEG"), ("webp", "WEBP")):
                path = media_root / rendition_name(n, width, fmt)
                path.parent.mkdir(parents=True, exist_ok=True)
                buffer = io.BytesIO()
                small.save(buffer, pil, quality=80)
                path.write_bytes(buffer.getvalue())


# The generator -----------------------------------------------------------------------------


def batches(rows: Iterable, size: int = BATCH * 10) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Slugs:
    """Unique slugs, as the admin would make them: ``name``, then ``name-2``, ``name-3``..."""

    def __init__(self) -> None:
        self.taken: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        from django.utils.text import slugify

        base = slugify(text)[:200] or "untitled"
        count = self.taken.get(base, 0) + 1
        self.taken[base] = count
        return base if count == 1 else f"{base}-{count}"


@dataclass
class FilmFacts:
    """What a review's text says about its film (kept in memory while generating)."""

    title: str
    year: int
    director: str
    cast: list[tuple[str, str]]
    distributor: str


class Text:
    """Review prose: sentences of Zipf-distributed words, so that a few words are in
    nearly every review and thousands are in a handful."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        tail = words.made_up_words(4000, rng, exclude={*words.CRITIC_WORDS, RARE_WORD})
        self.vocabulary = [*words.CRITIC_WORDS, *tail]
        # Zipf within each part; the made-up tail is one word in twenty-five overall.
        real = [1 / (rank + 1) ** 0.9 for rank in range(len(words.CRITIC_WORDS))]
        made_up = [1 / (rank + 1) for rank in range(len(tail))]
        scale = sum(real) / 24 / sum(made_up)
        self.cum_weights = list(itertools.accumulate(real + [w * scale for w in made_up]))
        self.pool = [self.sentence() for _ in range(20_000)]

    def sentence(self, length: int | None = None) -> str:
        rng = self.rng
        length = length or rng.randint(7, 22)
        content = rng.choices(self.vocabulary, cum_weights=self.cum_weights, k=length)
        tokens = []
        for n, word in enumerate(content):
            if n and rng.random() < 0.45:
                tokens.append(rng.choice(words.FUNCTION_WORDS))
            tokens.append(word + ("," if rng.random() < 0.06 else ""))
        text = " ".join(tokens).rstrip(",")
        return text[0].upper() + text[1:] + "."

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(self.pool, k=self.rng.randint(low, high)))

    def adjective(self) -> str:
        return self.rng.choice(words.ADJECTIVES)

    def noun(self) -> str:
        return self.rng.choice(words.NOUNS)

    def a(self, word: str) -> str:
        return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"

    def body(self, film: FilmFacts, rating: Decimal | None, rare: bool) -> str:
        rng = self.rng
        star, (second, second_part) = film.cast[0], film.cast[-1]
        paragraphs = [
            f"In <em>{film.title}</em>, {film.director} makes {self.a(self.adjective())} "
            f"{self.noun()} of the {self.noun()}. {self.sentences(2, 4)}",
            f"{star[0]} plays {star[1]}, and {second} is {second_part}; "
            f"the {COMMON_WORD if rng.random() < 0.3 else self.noun()} at the center of it "
            f"is {self.adjective()}. {self.sentences(2, 4)}",
        ]
        for _ in range(rng.randint(2, 4)):
            paragraphs.append(self.sentences(3, 5))
        if rng.random() < 0.3:
            paragraphs.insert(2, f"<blockquote>{self.sentence(12)}</blockquote>")
        if rng.random() < 0.2:
            slug = film.title.lower().replace(" ", "-")
            paragraphs[-1] += (
                f' <a href="https://www.example.com/interviews/{slug}">'
                f"{film.director} talked to us about the {self.noun()}</a>."
            )
        if rare:
            paragraphs[-2] += f" Every scene is a {RARE_WORD}: no move that does not cost."
        verdict = "not rated" if rating is None else f"{rating} stars"
        paragraphs.append(
            f"<em>{film.title}</em> ({film.distributor}, {film.year}) is {verdict}; "
            f"{self.sentences(1, 2)}"
        )
        return "".join(p if p.startswith("<blockquote>") else f"<p>{p}</p>" for p in paragraphs)

    def headline(self, title: str) -> str:
        rng = self.rng
        phrase = rng.choice([
            f"{self.a(self.adjective())} {self.noun()}",
            f"{self.adjective()} and {self.adjective()}",
            f"the {self.noun()} of {self.noun()}",
            f"{self.noun()}, {self.noun()} and {self.noun()}",
        ])  # fmt: skip
        return rng.choice([
            f"‘{title}’ review: {phrase}",
            f"Review: {phrase[0].upper() + phrase[1:]} in ‘{title}’",
            f"‘{title}’: {phrase}",
        ])[:200]  # fmt: skip


class Generator:
    def __init__(self, size: Size, log: Log) -> None:
        self.size = size
        self.log = log
        self.rng = random.Random(SEED)
        self.text = Text(self.rng)
        self.now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        self.step_started = time.perf_counter()

    def step(self, message: str) -> None:
        elapsed = time.perf_counter() - self.step_started
        self.log(f"  {message} ({elapsed:.1f} s)")
        self.step_started = time.perf_counter()

    def insert(self, model, rows: Iterable) -> int:
        from django.db import transaction

        count = 0
        with transaction.atomic():
            for chunk in batches(rows):
                model.objects.bulk_create(chunk, batch_size=BATCH)
                count += len(chunk)
        return count

    def run(self) -> dict:
        from django.core.management.color import no_style
        from django.db import connection
        from django.db.models import F

        from reviews import models as m

        size = self.size
        self.log(
            f"generating {size.reviews:,} reviews, {size.films:,} films, "
            f"{size.credits:,} credits, {size.people:,} people, {size.stills:,} stills "
            f"on {connection.vendor}"
        )
        genres = self.genres()
        critics = self.critics()
        names = self.people()
        films = self.films(genres)
        busy = self.credits(films, names)
        plan = self.plan_reviews(films, critics)
        stills = self.stills(films, plan)
        landmarks = self.reviews(films, plan, stills)
        self.corrections(plan)

        # Dates an import would have carried: a review last changed when it was published.
        m.Review.objects.exclude(published_at=None).update(
            created_at=F("published_at"), updated_at=F("published_at")
        )
        sequences = connection.ops.sequence_reset_sql(
            no_style(),
            [m.Genre, m.Person, m.Film, m.Credit, m.Review, m.Photo, m.Rendition,
             m.Critic, m.ReviewStill, m.Correction],
        )  # fmt: skip
        with connection.cursor() as cursor:
            for statement in sequences:
                cursor.execute(statement)
            # VACUUM too: a freshly loaded table has no visibility map, so its index-only scans
            # (listings, counts) would visit the heap as no long-lived database does.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        self.step("dates, sequences and statistics")
        return landmarks | {
            "busy_person": busy,
            "genre": "drama",
            "rare_word": RARE_WORD,
            "common_word": COMMON_WORD,
            "misspelling": "gosslin",
        }

    def genres(self) -> dict[int, str]:
        from django.utils.text import slugify

        from reviews.models import Genre

        rows = [Genre(id=n, name=name, slug=slugify(name))
                for n, name in enumerate(words.GENRES, 1)]  # fmt: skip
        self.insert(Genre, rows)
        return {genre.id: genre.slug for genre in rows}

    def critics(self) -> list[int]:
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import User

        from reviews.models import Critic

        rng, slugs = self.rng, Slugs()
        password = make_password(None)  # unusable: nobody signs in as a generated critic
        users, critics = [], []
        for n in range(1, self.size.critics + 1):
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            users.append(User(id=10_000 + n, username=f"bench-critic-{n}", password=password,
                              first_name=first, last_name=last, is_staff=True))  # fmt: skip
            critics.append(Critic(id=n, user_id=10_000 + n, name=f"{first} {last}",
                                  slug=slugs(f"{first} {last}"),
                                  bio=self.text.sentence(14)))  # fmt: skip
        self.insert(User, users)
        self.insert(Critic, critics)
        self.step(f"{len(critics)} critics")
        return [critic.id for critic in critics]

    def people(self) -> list[str]:
        """Names, by id (index 0 unused); id 1 is the busy person, never drawn at random."""
        from reviews.models import Person

        rng, slugs = self.rng, Slugs()
        names = ["", " ".join(words.BUSY_PERSON)]
        for _ in range(2, self.size.people + 1):
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.35 else ""
            names.append(f"{first}{middle} {last}")
        rows = (
            Person(id=n, name=name, slug=slugs(name),
                   bio=self.text.sentence(16) if n % 7 == 0 else "")
            for n, name in enumerate(names) if n
        )  # fmt: skip
        count = self.insert(Person, rows)
        self.step(f"{count:,} people")
        return names

    def films(self, genres: dict[int, str]) -> list[FilmFacts | None]:
        """Films by id (index 0 unused), ids in order of release; the big film in the middle."""
        from reviews.models import Film, MPAARating

        rng, slugs, size = self.rng, Slugs(), self.size
        first_day = datetime.date(1975, 1, 1)
        span = (self.now.date() + datetime.timedelta(days=60) - first_day).days
        dates = sorted(first_day + datetime.timedelta(days=rng.randrange(span))
                       for _ in range(size.films))  # fmt: skip
        self.big_film = size.films // 2
        facts: list[FilmFacts | None] = [None]
        rows, links = [], []
        ratings = [*MPAARating.values, ""]
        for n, release in enumerate(dates, 1):
            title = BIG_FILM_TITLE if n == self.big_film else self.title()
            distributor = rng.choice(words.DISTRIBUTORS)
            facts.append(FilmFacts(title, release.year, "", [], distributor))
            rows.append(Film(
                id=n, title=title, slug=slugs(f"{title} {release.year}"), release_date=release,
                year=release.year, mpaa_rating=rng.choice(ratings),
                running_time=rng.randint(72, 190), distributor=distributor,
                content_advisory=rng.choice(["", "", "Contains some obscenity",
                                             "Contains violence", "Contains sexuality"]),
                where_playing=rng.choice(["At area theaters", "On Netflix", "In limited release"]),
                external_id=f"tt{8_000_000 + n}", synopsis=self.text.sentence(24),
            ))  # fmt: skip
            for genre in rng.sample(sorted(genres), rng.choice((1, 2, 2, 3))):
                links.append(Film.genres.through(film_id=n, genre_id=genre))
        self.insert(Film, rows)
        self.insert(Film.genres.through, links)
        self.film_slugs = {film.id: film.slug for film in rows}
        self.release_dates = [None, *dates]
        self.step(f"{len(rows):,} films, {len(links):,} genre links")
        return facts

    def title(self) -> str:
        rng = self.rng
        noun, adjective = rng.choice(words.TITLE_NOUNS), rng.choice(words.TITLE_ADJECTIVES)
        return rng.choice([
            f"The {noun}", f"{adjective} {noun}", f"The {adjective} {noun}",
            f"The {noun} of {rng.choice(words.PLACES)}",
            f"{noun} and {rng.choice(words.TITLE_NOUNS)}",
            f"Return to {rng.choice(words.PLACES)}",
            f"{rng.choice(words.FIRST_NAMES)}'s {noun}",
            f"{adjective} {noun} in {rng.choice(words.PLACES)}",
        ])  # fmt: skip

    #: The roles of a film's first credits, in order; a film with n credits takes n of them.
    ROLES = ["director", "screenwriter", "cast", "cast", "cast", "cinematographer", "composer",
             "editor", "producer", "cast", "screenwriter", "cast", "producer", "cast", "cast",
             "other", "cast", "cast", "producer", "cast"]  # fmt: skip

    def credit_counts(self) -> list[int]:
        """Credits per film (index 0 unused), adding up to exactly the size's credits."""
        rng, films = self.rng, self.size.films
        counts = [0] + [rng.randint(6, 14) for _ in range(films)]
        counts[self.big_film] = BIG_FILM_CREDITS
        surplus = sum(counts) - self.size.credits
        while surplus:
            n = rng.randint(1, films)
            if n == self.big_film:
                continue
            step = 1 if surplus < 0 else -1
            if 5 <= counts[n] + step <= len(self.ROLES):
                counts[n] += step
                surplus += step
        return counts

    def big_film_roles(self) -> list[str]:
        roles = ["director", *["screenwriter"] * 3, *["producer"] * 10, "composer",
                 "cinematographer", "editor", "editor", *["other"] * 30]  # fmt: skip
        return roles + ["cast"] * (BIG_FILM_CREDITS - len(roles))

    def credits(self, films: list[FilmFacts | None], names: list[str]) -> str:
        from reviews.models import Credit, Person

        rng, size = self.rng, self.size
        counts = self.credit_counts()
        busy_films = set(rng.sample([n for n in range(1, size.films + 1) if n != self.big_film],
                                    BUSY_PERSON_CREDITS))  # fmt: skip

        def pick() -> int:
            # Skewed: a few people hold dozens of credits, most hold a handful.
            return 2 + int((size.people - 1) * rng.random() ** 1.3)

        def rows() -> Iterator[Credit]:
            credit_id = 0
            for film_id in range(1, size.films + 1):
                count = counts[film_id]
                roles = self.big_film_roles() if film_id == self.big_film else self.ROLES[:count]
                people: list[int] = [1] if film_id in busy_films else []
                while len(people) < count:
                    person = pick()
                    if person not in people:
                        people.append(person)
                if film_id in busy_films:  # the busy person is billed first in the cast
                    cast_at = roles.index("cast")
                    people[0], people[cast_at] = people[cast_at], people[0]
                billing: dict[str, int] = {}
                facts = films[film_id]
                for role, person in zip(roles, people, strict=True):
                    billing[role] = billing.get(role, 0) + 1
                    character = job = ""
                    if role == "cast":
                        character = f"{rng.choice(words.FIRST_NAMES)}"
                        if rng.random() < 0.4:
                            character += f" {rng.choice(words.LAST_NAMES)}"
                        if len(facts.cast) < 2:
                            facts.cast.append((names[person], character))
                    elif role == "other":
                        job = words.OTHER_JOBS[(billing[role] - 1) % len(words.OTHER_JOBS)]
                        if billing[role] > len(words.OTHER_JOBS):
                            job = f"{job} ({billing[role]})"
                    elif role == "director" and not facts.director:
                        facts.director = names[person]
                    credit_id += 1
                    yield Credit(id=credit_id, film_id=film_id, person_id=person, role=role,
                                 character=character, job=job, billing=billing[role])  # fmt: skip

        count = self.insert(Credit, rows())
        self.step(f"{count:,} credits")
        return Person.objects.get(id=1).slug

    def plan_reviews(self, films: list[FilmFacts | None], critics: list[int]) -> list[dict]:
        """Every review's film, critic, status and time, oldest first (ids follow)."""
        from reviews.models import ReviewStatus
        from reviews.models.reviews import STAR_VALUES

        rng, size = self.rng, self.size
        release_of = self.release_dates
        film_ids = list(range(1, size.films + 1))
        second = [rng.choice(film_ids) for _ in range(size.reviews - size.films)]
        critic_weights = [1 / (n + 1) for n in range(len(critics))]
        plan = []
        for n, film_id in enumerate(film_ids + second):
            release = release_of[film_id]
            days = rng.randint(-2, 3) if n < size.films else rng.randint(30, 1200)
            when = datetime.datetime.combine(
                release + datetime.timedelta(days=days),
                datetime.time(rng.randint(6, 20), rng.choice((0, 15, 30, 45))),
                tzinfo=datetime.UTC,
            )
            roll = rng.random()
            if when > self.now:
                status = ReviewStatus.SCHEDULED
            elif roll < 0.015:
                status = ReviewStatus.DRAFT
            elif roll < 0.025:
                status = ReviewStatus.IN_REVIEW
            elif roll < 0.035:
                status = ReviewStatus.UNPUBLISHED
            elif roll < 0.04:
                status = ReviewStatus.SCHEDULED  # scheduled and now due: live
            else:
                status = ReviewStatus.PUBLISHED
            plan.append({
                "film": film_id,
                "critic": rng.choices(critics, weights=critic_weights)[0],
                "status": status,
                "when": when,
                "rating": None if rng.random() < 0.05 else rng.choice(STAR_VALUES),
            })  # fmt: skip
        plan.sort(key=lambda review: review["when"])
        for n, review in enumerate(plan, 1):
            review["id"] = n
            review["live"] = review["status"] in ("published", "scheduled") and (
                review["when"] <= self.now
            )
            if review["status"] in ("draft", "in_review"):
                review["when"] = None
        return plan

    def stills(self, films: list[FilmFacts | None], plan: list[dict]) -> dict[int, int]:
        """A still for each film of the newest live reviews; returns film id -> still id."""
        from reviews.models import Film, Photo, Rendition

        rng, size = self.rng, self.size
        chosen: dict[int, int] = {}
        for review in reversed(plan):
            if review["live"] and review["film"] not in chosen:
                chosen[review["film"]] = len(chosen) + 1
                if len(chosen) == size.stills:
                    break
        today = self.now.date()
        photos, renditions = [], []
        for film_id, photo_id in chosen.items():
            facts = films[film_id]
            name, part = facts.cast[0]
            shared = photo_id % SHARED_STILLS
            roll = rng.random()
            expires = (today - datetime.timedelta(days=rng.randint(1, 900)) if roll < 0.05
                       else today + datetime.timedelta(days=rng.randint(30, 2000)) if roll < 0.15
                       else None)  # fmt: skip
            photos.append(Photo(
                id=photo_id, image=still_name(shared), width=1280, height=720,
                caption=f"{name} as {part} in “{facts.title}.”",
                credit_line=f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
                            f"/{facts.distributor}",
                alt_text=f"{name} in a scene from {facts.title}.",
                film_id=film_id, rights_holder=facts.distributor, usage_expires=expires,
            ))  # fmt: skip
            # What the site makes of a 1280 x 720 still: its widths up to its own and the
            # two crops, in both formats (the files are the few shared ones).
            for spec, width, height in STILL_RENDITIONS:
                for fmt in ("webp", "jpeg"):
                    renditions.append(Rendition(
                        id=len(renditions) + 1, photo_id=photo_id, spec=spec, format=fmt,
                        width=width, height=height,
                        file=rendition_name(shared, 320 if width < 640 else 960, fmt),
                    ))  # fmt: skip
        self.insert(Photo, photos)
        self.insert(Rendition, renditions)
        Film.objects.bulk_update(
            [Film(id=film_id, lead_still_id=photo_id) for film_id, photo_id in chosen.items()],
            ["lead_still"],
            batch_size=BATCH,
        )
        self.step(f"{len(photos):,} stills, {len(renditions):,} renditions")
        return chosen

    def reviews(self, films: list[FilmFacts | None], plan: list[dict],
                stills: dict[int, int]) -> dict:  # fmt: skip
        from reviews.models import Review, ReviewStill
        from reviews.sanitize import sanitize_html

        rng, slugs = self.rng, Slugs()
        live = [review["id"] for review in plan if review["live"]]
        rare = set(rng.sample(live[: len(live) // 2], RARE_WORD_REVIEWS))
        placements = []

        def rows() -> Iterator[Review]:
            for review in plan:
                facts = films[review["film"]]
                body = self.text.body(facts, review["rating"], review["id"] in rare)
                photo = stills.get(review["film"])
                if photo:
                    placements.append(ReviewStill(id=len(placements) + 1, review_id=review["id"],
                                                  photo_id=photo, after_paragraph=2))  # fmt: skip
                cast = [name for name, _ in facts.cast]
                yield Review(
                    id=review["id"], film_id=review["film"], critic_id=review["critic"],
                    headline=self.text.headline(facts.title),
                    slug=slugs(f"{facts.title} {facts.year} review"),
                    dek="" if rng.random() < 0.2 else
                        f"{' and '.join(cast)} star in {facts.director}’s "
                        f"{self.text.adjective()} {self.text.noun()}.",
                    body=sanitize_html(body), rating=review["rating"], status=review["status"],
                    published_at=review["when"],
                    lead_still_id=photo if photo and rng.random() < 0.1 else None,
                    # About one review in twenty: the critics' picks the home page shows.
                    critics_pick=(review["rating"] or 0) >= 3.5 and review["id"] % 7 == 0,
                )  # fmt: skip

        count = self.insert(Review, rows())
        self.insert(ReviewStill, placements)
        self.step(f"{count:,} reviews, {len(placements):,} stills placed in them")

        def slug_of(review_id: int) -> str:
            return Review.objects.values_list("slug", flat=True).get(id=review_id)

        # A typical page: a recent live review with a still in its body.
        typical = next(r["id"] for r in reversed(plan[: len(plan) - 100])
                       if r["live"] and r["film"] in stills)  # fmt: skip
        big_review = next(r["id"] for r in plan if r["film"] == self.big_film)
        return {
            "review": slug_of(typical),
            "big_film": self.film_slugs[self.big_film],
            "big_film_review": slug_of(big_review),
            "rare_word_reviews": sorted(slug_of(n) for n in rare),
        }

    def corrections(self, plan: list[dict]) -> None:
        from reviews.models import Correction

        rng = self.rng
        live = [review for review in plan if review["live"]]
        rows = [
            Correction(id=n, review_id=review["id"],
                       text=f"An earlier version of this review misstated the {self.text.noun()}.",
                       published_at=review["when"] + datetime.timedelta(days=rng.randint(1, 9)))
            for n, review in enumerate(rng.sample(live, len(live) * 3 // 1000), 1)
        ]  # fmt: skip
        self.insert(Correction, rows)
        self.step(f"{len(rows):,} corrections")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sqlite", action="store_true", help="a SQLite archive under bench/results/"
    )
    parser.add_argument("--reviews", type=int, help="how many reviews (films, credits scale)")
    args = parser.parse_args()
    reviews = args.reviews or (SQLITE_REVIEWS if args.sqlite else DEFAULT_REVIEWS)
    url = (
        sqlite_url(reviews)
        if args.sqlite
        else (os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL)
    )
    if url.startswith("postgres"):
        ensure_postgres_database(url, print)
    media = common.RESULTS / "media"
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    setup_django(url, media)
    marker = ensure_archive(Size(reviews), media)
    print(json.dumps(marker["landmarks"], indent=2))


if __name__ == "__main__":
    main()
