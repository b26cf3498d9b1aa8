"""A story as recognised: every proposal with the sentence it came from.

Proposals carry a ``key`` ("film.mpaa_rating", "still.2", "credit.5", "trailer"), which the
editor's preview ticks or unticks; ``arrange`` lays out the body for a choice of keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviews.copydesk.reading import Paragraph

#: The film's fields a story can give, in the order the preview lists them.
FILM_FIELDS = (
    "title", "mpaa_rating", "running_time", "content_advisory", "where_playing", "language",
    "distributor",
)  # fmt: skip


@dataclass(frozen=True)
class Source:
    """Where a proposal came from: the paragraph (1 is the first) and its sentence."""

    paragraph: int
    sentence: str


@dataclass
class Fact:
    field: str
    value: str | int
    source: Source

    @property
    def key(self) -> str:
        """``film.<field>``; the star rating is the review's: ``review.stars``."""
        return "review.stars" if self.field == "stars" else f"film.{self.field}"


@dataclass
class StillSlot:
    """A caption with its credit line: a still to attach, after ``position`` paragraphs."""

    index: int
    caption: str
    credit: str
    source: Source
    paragraph: Paragraph
    position: int = 0

    @property
    def key(self) -> str:
        return f"still.{self.index}"


@dataclass
class TrailerCaption:
    caption: str
    credit: str
    source: Source
    paragraph: Paragraph
    key: str = "trailer"


@dataclass
class CreditProposal:
    index: int
    person: str
    role: str
    character: str
    source: Source

    @property
    def key(self) -> str:
        return f"credit.{self.index}"

    @property
    def identity(self) -> tuple[str, str, str]:
        return self.person.casefold(), self.role, self.character.casefold()


@dataclass
class Story:
    """What the rules found in a story, and the body left once they took their parts."""

    paragraphs: list[Paragraph]
    headline: str = ""
    headline_source: Source | None = None
    dek: str = ""
    byline: str = ""
    facts: dict[str, Fact] = field(default_factory=dict)
    stills: list[StillSlot] = field(default_factory=list)
    trailer: TrailerCaption | None = None
    credits: list[CreditProposal] = field(default_factory=list)
    #: The story in order, with each part's paragraph number: ("body", Paragraph, 3),
    #: ("still", StillSlot, 4), ("trailer", TrailerCaption, 9).
    layout: list[tuple[str, object, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def keys(self) -> set[str]:
        """Every proposal's key: all ticked, as the preview starts."""
        items = [*self.facts.values(), *self.stills, *self.credits]
        return {item.key for item in items} | ({"trailer"} if self.trailer else set())

    def arrange(self, chosen: set[str] | None = None) -> tuple[list[Paragraph], list[StillSlot]]:
        """The body's paragraphs and the chosen stills, each placed after the paragraphs
        before it. An unchosen caption or trailer caption stays in the body as text."""
        chosen = self.keys() if chosen is None else chosen
        body: list[Paragraph] = []
        stills: list[StillSlot] = []
        for kind, item, _ in self.layout:
            if kind == "body":
                body.append(item)  # type: ignore[arg-type]
            elif item.key in chosen:  # type: ignore[attr-defined]
                if kind == "still":
                    item.position = len(body)  # type: ignore[attr-defined]
                    stills.append(item)  # type: ignore[arg-type]
            else:
                body.append(item.paragraph)  # type: ignore[attr-defined]
        return body, stills

    def as_json(self) -> dict:
        """The preview with every proposal taken, in the keys ``import_story`` prints."""
        body, stills = self.arrange()

        def fact(name: str) -> str | int | None:
            found = self.facts.get(name)
            return found.value if found else None

        return {
            "film": {
                "title": fact("title"),
                "mpaa_rating": fact("mpaa_rating"),
                "running_time_minutes": fact("running_time"),
                "advisory": fact("content_advisory"),
                "where_playing": fact("where_playing"),
            },
            "stills": [
                {"position": s.position, "caption": s.caption, "credit": s.credit} for s in stills
            ],
            "trailer": (
                {"caption": self.trailer.caption, "credit": self.trailer.credit}
                if self.trailer
                else None
            ),
            "credits": [
                {"person": c.person, "role": c.role, "character": c.character} for c in self.credits
            ],
            "body_paragraphs": len(body),
        }
