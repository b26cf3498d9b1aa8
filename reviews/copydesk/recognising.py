"""Recognising a printed review's parts, rule by rule, each citing its sentence.

The order: a headline and byline at the top; caption paragraphs (a trailer's among them);
closing paragraphs of facts and credits; then cast and crew named inside the text; the
film's title last, as it may be quoted anywhere. What no rule takes stays in the body.
"""

from __future__ import annotations

import re

from reviews.copydesk.captions import caption_of, is_trailer
from reviews.copydesk.credits import Found, credits_in_clause, credits_in_sentence
from reviews.copydesk.facts import fact_in
from reviews.copydesk.names import NAME
from reviews.copydesk.reading import Paragraph
from reviews.copydesk.sentences import split_clauses, split_sentences
from reviews.copydesk.story import (
    CreditProposal,
    Fact,
    Source,
    StillSlot,
    Story,
    TrailerCaption,
)
from reviews.copydesk.titles import likeliest_title, quoted_titles

MAX_HEADLINE_WORDS = 20
MAX_DEK_WORDS = 45
_BYLINE = re.compile(rf"^By\s+(?P<name>{NAME})\.?$")

Closing = tuple[list[tuple[str, object, str]], list[tuple[Found, str]]]


def recognise(paragraphs: list[Paragraph]) -> Story:
    """Every part the rules recognise in a story's paragraphs."""
    story = Story(paragraphs)
    rest = list(range(len(paragraphs)))
    rest = _take_headline(story, rest)
    rest = _take_byline(story, rest)
    for number in rest:
        _place(story, number, paragraphs[number])
    _credits_in_text(story)
    _title(story)
    if not {"mpaa_rating", "running_time"} & set(story.facts):
        story.notes.append(
            "No facts line was found (rating, where playing, advisory, running time): "
            "the film's facts are left as they are."
        )
    return story


def _is_headline(paragraphs: list[Paragraph], number: int) -> bool:
    paragraph = paragraphs[number]
    if paragraph.heading:
        return True
    words = paragraph.text.split()
    return (
        number == 0
        and len(paragraphs) > 1
        and len(words) <= MAX_HEADLINE_WORDS
        and not paragraph.text.endswith(".")
        and caption_of(paragraph.text) is None
        and not _BYLINE.match(paragraph.text)
    )


def _take_headline(story: Story, rest: list[int]) -> list[int]:
    if rest and _is_headline(story.paragraphs, rest[0]):
        story.headline = story.paragraphs[rest[0]].text
        story.headline_source = Source(rest[0] + 1, story.headline)
        return rest[1:]
    return rest


def _take_byline(story: Story, rest: list[int]) -> list[int]:
    """The byline, in the first two paragraphs left; a short one between the headline and
    the byline is the dek."""
    for position, number in enumerate(rest[:2]):
        if match := _BYLINE.match(story.paragraphs[number].text):
            story.byline = match["name"]
            if position == 1 and story.headline and _is_dek(story.paragraphs[rest[0]].text):
                story.dek = story.paragraphs[rest[0]].text
                return rest[2:]
            return [n for n in rest if n != number]
    return rest


def _is_dek(text: str) -> bool:
    return len(text.split()) <= MAX_DEK_WORDS and caption_of(text) is None


def _place(story: Story, number: int, paragraph: Paragraph) -> None:
    """A paragraph as a caption, a trailer caption, a closing block or body text."""
    caption = caption_of(paragraph.text)
    source = Source(number + 1, paragraph.text)
    if caption and is_trailer(caption[0]) and story.trailer is None:
        story.trailer = TrailerCaption(*caption, source, paragraph)
        story.layout.append(("trailer", story.trailer, number + 1))
    elif caption:
        slot = StillSlot(len(story.stills), *caption, source, paragraph)
        story.stills.append(slot)
        story.layout.append(("still", slot, number + 1))
    elif (closing := closing_block(paragraph.text)) is not None:
        _take_closing(story, number, closing)
    else:
        story.layout.append(("body", paragraph, number + 1))


def closing_block(text: str) -> Closing | None:
    """The facts and credits of a facts line or a credits block, or None when any clause
    of the paragraph is something else (then it is body text, and nothing is lost)."""
    facts: list[tuple[str, object, str]] = []
    credits: list[tuple[Found, str]] = []
    text = re.sub(r"^([★☆½]+)\s+", r"\1; ", text)  # "★★★½ PG-13. ..." begins with its stars
    for clause in split_clauses(text):
        if fact := fact_in(clause):
            facts.append((*fact, clause))
            continue
        found = credits_in_clause(clause)
        if found is None:
            return None
        credits += [(item, clause) for item in found]
    fields = [name for name, _, _ in facts]
    if len(set(fields)) != len(fields):
        return None
    has_key_fact = bool({"mpaa_rating", "running_time"} & set(fields))
    if credits or (len(facts) >= 2 and has_key_fact) or fields == ["stars"]:
        return facts, credits
    return None


def _take_closing(story: Story, number: int, closing: Closing) -> None:
    facts, credits = closing
    for name, value, clause in facts:
        add_fact(story, name, value, Source(number + 1, clause))
    for found, clause in credits:
        add_credit(story, found, Source(number + 1, clause))


def add_fact(story: Story, name: str, value: object, source: Source) -> None:
    """The first value of a field is kept; a different later one is noted, never lost."""
    known = story.facts.get(name)
    if known is None:
        story.facts[name] = Fact(name, value, source)  # type: ignore[arg-type]
    elif known.value != value:
        story.notes.append(
            f"{name.replace('_', ' ')}: “{value}” in paragraph {source.paragraph} differs from "
            f"“{known.value}” in paragraph {known.source.paragraph}, which is kept."
        )


def add_credit(story: Story, found: Found, source: Source) -> None:
    person, role, character = found
    proposal = CreditProposal(len(story.credits), person, role, character, source)
    if all(c.identity != proposal.identity for c in story.credits):
        story.credits.append(proposal)


def _credit_texts(story: Story) -> list[tuple[int, str]]:
    texts = []
    for kind, item, number in story.layout:
        text = item.text if kind == "body" else item.caption  # type: ignore[attr-defined]
        texts.append((number, text))
    return texts


def _credits_in_text(story: Story) -> None:
    for number, text in _credit_texts(story):
        for sentence in split_sentences(text):
            for found in credits_in_sentence(sentence):
                add_credit(story, found, Source(number, sentence))


def _title(story: Story) -> None:
    """The title a facts line states; else the one quoted in the headline; else the title
    quoted most often in the story."""
    if "title" in story.facts:
        return
    titles = quoted_titles(story.headline)
    title = titles[0] if titles else likeliest_title([p.text for p in story.paragraphs])
    if title is None:
        return
    for number, paragraph in enumerate(story.paragraphs, start=1):
        for sentence in split_sentences(paragraph.text):
            if title in quoted_titles(sentence):
                add_fact(story, "title", title, Source(number, sentence))
                return
