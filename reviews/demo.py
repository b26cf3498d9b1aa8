"""Demo content: one review built like the yardstick, and enough more to fill the listings.

Everything is keyed by slug so that running it twice changes nothing.
"""

import datetime
import io
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from reviews.models import Credit, CreditRole, Critic, Film, Genre, Person, Photo, Review
from reviews.models.reviews import ReviewStatus, ReviewStill
from reviews.stills import services

DEMO_PASSWORD = "newsroom-demo-2026"

ACCOUNTS = [
    # username, group, critic name (None: no byline), bio
    ("editor", "Editor", "Harriet Vance", "Chief film critic; has reviewed films since 1998."),
    ("critic", "Critic", "Tomás Okafor", "Writes about musicals, documentaries and debuts."),
    ("photodesk", "Photo desk", None, ""),
]
EXTRA_CRITIC = ("jwhitcombe", "Critic", "June Whitcombe", "Covers genre films and revivals.")

GENRES = ["Drama", "Comedy", "Musical", "Romance", "Thriller", "Documentary", "Horror",
          "Science fiction", "Animation", "Western"]  # fmt: skip

LA_LA_LAND_BODY = """
<p>The first thing you hear in <em>La La Land</em> is a traffic jam, and the first thing you
see is a freeway ramp turned into a stage. Damien Chazelle's musical starts with a song about
hope sung by people stuck in their cars, and it never quite lets go of that double feeling.</p>
<p>Mia (Emma Stone) pours coffee on a studio lot and goes to auditions where casting directors
look at their phones. Sebastian (Ryan Gosling) plays jazz standards in a restaurant whose owner
wants Christmas carols. They meet badly, twice, and then well, on a hillside at dusk, where
they tap-dance while insisting that nothing romantic is happening.</p>
<blockquote><p>"People love what other people are passionate about," Mia tells him, and the
film believes it.</p></blockquote>
<p>Ms. Stone, who sings in a small, unforced voice, is the picture's secret weapon: her
audition scenes, shot in long, unbroken takes, are as exciting as any of the big numbers.
Mr. Gosling learned the piano for the part, and his hands are on the keys in every shot.</p>
<p>Linus Sandgren's camera swoops and spins, and Justin Hurwitz's score keeps returning to one
wistful melody until it feels like a memory. The design borrows from <em>The Umbrellas of
Cherbourg</em> and from old Hollywood without ever feeling like a museum piece.</p>
<p>If the middle sags a little, as the lovers' careers pull them apart, the last fifteen
minutes are a bravura piece of filmmaking, a what-if ballet that made a full preview audience
go quiet. See it on the biggest screen you can find; <a href="https://www.lalaland.movie/">the
official site</a> lists where it plays.</p>
"""

LA_LA_LAND_CREDITS = [
    (CreditRole.DIRECTOR, "Damien Chazelle", ""),
    (CreditRole.SCREENWRITER, "Damien Chazelle", ""),
    (CreditRole.CAST, "Ryan Gosling", "Sebastian"),
    (CreditRole.CAST, "Emma Stone", "Mia"),
    (CreditRole.CAST, "John Legend", "Keith"),
    (CreditRole.CAST, "Rosemarie DeWitt", "Laura"),
    (CreditRole.CAST, "J.K. Simmons", "Bill"),
    (CreditRole.PRODUCER, "Fred Berger", ""),
    (CreditRole.PRODUCER, "Jordan Horowitz", ""),
    (CreditRole.PRODUCER, "Gary Gilbert", ""),
    (CreditRole.PRODUCER, "Marc Platt", ""),
    (CreditRole.CINEMATOGRAPHER, "Linus Sandgren", ""),
    (CreditRole.EDITOR, "Tom Cross", ""),
    (CreditRole.COMPOSER, "Justin Hurwitz", ""),
]

LA_LA_LAND_STILLS = [
    # caption, alt text, after paragraph, colours, size (the second one is a portrait)
    ("Emma Stone as aspiring actress Mia.",
     "A young woman in a yellow dress stands on a hillside at dusk above city lights.",
     1, ((247, 196, 70), (58, 46, 110)), (1600, 900)),
    ("Ryan Gosling as Sebastian, a jazz pianist who will not play the carols.",
     "A man in a suit sits at a piano in a dim restaurant.",
     3, ((32, 60, 120), (12, 12, 30)), (1000, 1500)),
    ("Mr. Gosling and Ms. Stone dance above Los Angeles.",
     "A couple dances on a bench-lined overlook under a purple sky.",
     5, ((120, 70, 160), (240, 140, 90)), (1600, 900)),
]  # fmt: skip

TITLE_WORDS_A = ["Quiet", "Last", "Burning", "Silver", "Northern", "Hollow", "Bright", "Lost",
                 "Winter", "Paper", "Distant", "Open"]  # fmt: skip
TITLE_WORDS_B = ["Harbor", "Season", "Road", "Garden", "Signal", "Country", "Kingdom", "River",
                 "Summer", "Machine", "Station", "Sky"]  # fmt: skip
FIRST_NAMES = [
    "Ada",
    "Bruno",
    "Celia",
    "Dev",
    "Esme",
    "Felix",
    "Greta",
    "Hugo",
    "Iris",
    "Jonah",
    "Kiri",
    "Luca",
    "Mara",
    "Nico",
    "Opal",
    "Piet",
    "Rosa",
    "Sami",
    "Tove",
    "Umar",
]
LAST_NAMES = [
    "Abernathy",
    "Baptiste",
    "Castellanos",
    "Dunmore",
    "Eriksen",
    "Falk",
    "Garrow",
    "Halloran",
    "Ibarra",
    "Jansen",
    "Kowalczyk",
    "Lindqvist",
    "Mbeki",
    "Novak",
]
DISTRIBUTORS = ["Lionsgate", "A24", "Neon", "Focus Features", "Searchlight", "Magnolia"]
VERDICTS = ["A Slow Burn", "Big Swings", "Small Wonders", "Lost in the Fog", "Worth the Trip"]
MOODS = ["patient", "noisy", "tender", "uneven"]


def plural(noun: str) -> str:
    """Plural of a demo title word: sky -> skies, road -> roads."""
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in "aeiou" else noun + "s"


def with_article(word: str) -> str:
    """The word with its indefinite article: "A patient", "An uneven"."""
    return f"{'An' if word[0] in 'aeiou' else 'A'} {word}"


ADVISORIES = [
    "Contains some obscenity",
    "Contains violence and strong language",
    "Contains brief nudity",
    "Suitable for all ages",
    "Contains frightening scenes",
]


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, kind: str, created: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1


def draw_still(title: str, colours: tuple, size: tuple[int, int] = (1600, 900)) -> bytes:
    """A picture to stand in for a still: a gradient, a horizon and the film's title."""
    top, bottom = colours
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        t = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    draw.ellipse([width * 0.62, height * 0.18, width * 0.78, height * 0.46], fill=(255, 236, 200))
    draw.polygon([(0, height), (width * 0.3, height * 0.62), (width * 0.55, height * 0.8),
                  (width * 0.8, height * 0.58), (width, height)], fill=(20, 20, 35))  # fmt: skip
    draw.text((48, 40), title, fill=(255, 255, 255), font_size=64)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


class DemoSeeder:
    def __init__(self, now: datetime.datetime | None = None) -> None:
        self.now = now or timezone.now()
        self.report = SeedReport()
        self.critics: list[Critic] = []

    @transaction.atomic
    def run(self) -> SeedReport:
        genres = {name: self.genre(name) for name in GENRES}
        for account in [*ACCOUNTS, EXTRA_CRITIC]:
            self.account(*account)
        self.la_la_land(genres)
        self.listings(genres)
        return self.report

    def genre(self, name: str) -> Genre:
        genre, created = Genre.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        self.report.count("genres", created)
        return genre

    def account(self, username: str, group: str, critic_name: str | None, bio: str) -> None:
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": f"{username}@example.com"}
        )
        if created:
            # Only an account made here gets the published demo password and its role: an
            # existing account of that name keeps its own password and rights.
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=group))
        self.report.count("accounts", created)
        if username in {name for name, *_ in ACCOUNTS}:
            self.report.accounts.append((username, DEMO_PASSWORD, group))
        if critic_name:
            critic, created = Critic.objects.get_or_create(
                user=user, defaults={"name": critic_name, "slug": slugify(critic_name), "bio": bio}
            )
            self.report.count("critics", created)
            self.critics.append(critic)

    def person(self, name: str) -> Person:
        person, created = Person.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        self.report.count("people", created)
        return person

    def credit(self, film: Film, role: str, name: str, character: str, billing: int) -> None:
        _, created = Credit.objects.get_or_create(
            film=film,
            person=self.person(name),
            role=role,
            character=character,
            job="",
            defaults={"billing": billing},
        )
        self.report.count("credits", created)

    def film(self, slug: str, **fields) -> Film:
        genres = fields.pop("genres", [])
        film, created = Film.objects.get_or_create(slug=slug, defaults=fields)
        if created:
            film.genres.set(genres)
        self.report.count("films", created)
        return film

    def still(
        self,
        film: Film,
        caption: str,
        alt: str,
        colours: tuple,
        credit: str,
        size: tuple[int, int] = (1600, 900),
    ) -> Photo:
        photo = Photo.objects.filter(film=film, caption=caption).first()
        if photo is None:
            photo = Photo(
                film=film,
                caption=caption,
                alt_text=alt,
                credit_line=credit,
                rights_holder=credit.split("/")[-1],
                # Written into the files as XMP and given in the page's JSON-LD.
                creator=credit.split("/")[0] if "/" in credit else "",
                copyright_notice=f"© {credit.split('/')[-1]}",
                usage_expires=(self.now + datetime.timedelta(days=730)).date(),
            )
            picture = ContentFile(draw_still(film.title, colours, size), name=f"{film.slug}.jpg")
            services.save_still(photo, picture)  # cleaned, with renditions queued
            self.report.count("stills", True)
        return photo

    def review(self, slug: str, **fields) -> tuple[Review, bool]:
        review, created = Review.objects.get_or_create(slug=slug, defaults=fields)
        self.report.count("reviews", created)
        return review, created

    def la_la_land(self, genres: dict[str, Genre]) -> None:
        film = self.film(
            "la-la-land-2016",
            title="La La Land",
            release_date=datetime.date(2016, 12, 9),
            mpaa_rating="PG-13",
            running_time=128,
            content_advisory="Contains some obscenity",
            where_playing="At area theaters",
            distributor="Lionsgate",
            synopsis="A jazz pianist and an aspiring actress fall in love in Los Angeles.",
            trailer_url="https://www.youtube.com/watch?v=0pdqf4P9MB8",
            trailer_caption="The trailer for “La La Land.”",
            trailer_credit="Lionsgate",
            genres=[genres["Musical"], genres["Romance"], genres["Drama"]],
        )
        for billing, (role, name, character) in enumerate(LA_LA_LAND_CREDITS, start=1):
            self.credit(film, role, name, character, billing)
        stills = [
            (self.still(film, caption, alt, colours, "Dale Robinette/Lionsgate", size), after)
            for caption, alt, after, colours, size in LA_LA_LAND_STILLS
        ]
        if film.lead_still_id is None:
            film.lead_still = stills[0][0]
            film.save(update_fields=["lead_still"])
        review, created = self.review(
            "la-la-land-review",
            film=film,
            headline="‘La La Land’ Is a Love Letter Sung in Traffic",
            dek="Emma Stone and Ryan Gosling dance through Damien Chazelle’s bittersweet musical.",
            critic=self.critics[0],
            body=LA_LA_LAND_BODY,
            pull_quote="Ms. Stone, who sings in a small, unforced voice, is the picture's "
            "secret weapon",
            critics_pick=True,
            rating=Decimal("4.0"),
            status=ReviewStatus.PUBLISHED,
            published_at=self.now - datetime.timedelta(hours=2),
            lead_still=stills[2][0],
        )
        if created:
            for order, (photo, after) in enumerate(stills):
                ReviewStill.objects.create(
                    review=review, photo=photo, after_paragraph=after, order=order
                )

    def listings(self, genres: dict[str, Genre], count: int = 24) -> None:
        rng = random.Random(2016)
        genre_list = list(genres.values())
        for index in range(count):
            title = f"The {TITLE_WORDS_A[index % 12]} {TITLE_WORDS_B[(index * 5) % 12]}"
            if index < 4:  # a few films open this week, for the home page's strip
                release = self.now.date() + datetime.timedelta(days=index - 1)
            else:
                release = datetime.date(2026 - index // 4, 1 + index % 12, 1 + (index * 7) % 27)
            year = release.year
            film = self.film(
                slugify(f"{title}-{year}"),
                title=title,
                release_date=release,
                mpaa_rating=rng.choice(["G", "PG", "PG-13", "R", "NC-17", "NR"]),
                running_time=rng.randint(82, 174),
                content_advisory=rng.choice(ADVISORIES),
                where_playing=rng.choice(["At area theaters", "On Netflix", "In limited release"]),
                distributor=rng.choice(DISTRIBUTORS),
                synopsis=f"A story of {plural(TITLE_WORDS_B[index % 12].lower())} "
                "and second chances.",
                genres=rng.sample(genre_list, k=2),
            )
            people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(7)]
            crew = [CreditRole.DIRECTOR, CreditRole.SCREENWRITER, CreditRole.COMPOSER]
            for billing, (role, name) in enumerate(zip(crew, people[:3], strict=True), 1):
                self.credit(film, role, name, "", billing)
            for billing, name in enumerate(people[3:], start=1):
                self.credit(film, CreditRole.CAST, name, rng.choice(FIRST_NAMES), billing)
            colours = (tuple(rng.randint(40, 230) for _ in range(3)), (15, 15, 30))
            still = self.still(
                film, f"A scene from “{title}.”", f"A still from the film {title}.", colours,
                f"{rng.choice(LAST_NAMES)}/{film.distributor}",
            )  # fmt: skip
            if film.lead_still_id is None:
                film.lead_still = still
                film.save(update_fields=["lead_still"])
            rating = Decimal(rng.randint(0, 8)) / 2
            self.review(
                slugify(f"{title}-review-{year}"),
                film=film,
                headline=f"‘{title}’ Review: {rng.choice(VERDICTS)}",
                dek=f"{with_article(rng.choice(MOODS))} film about {film.synopsis[11:-1]}.",
                critic=self.critics[index % len(self.critics)],
                body="".join(
                    f"<p>Paragraph {n} of the review of <em>{title}</em>: what works, what does "
                    f"not, and who should see it.</p>"
                    for n in range(1, 5)
                ),
                rating=rating,
                pull_quote="what works, what does not, and who should see it" if index % 3 else "",
                critics_pick=index % 5 == 2,
                status=ReviewStatus.PUBLISHED,
                published_at=self.now - datetime.timedelta(days=index + 1, hours=index),
            )  # fmt: skip
