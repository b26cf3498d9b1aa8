"""Cutting printed text into sentences and clauses, which recognised items cite."""

from __future__ import annotations

import re

#: Words a full stop follows without ending the sentence ("Mr. Gosling", "1 hr. 52 min.").
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "mt", "hr", "hrs", "min", "mins",
    "approx", "inc", "co", "ltd", "vol",
}  # fmt: skip

_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9★])")


def _ends_with_abbreviation(text: str) -> bool:
    """Whether the text before a full stop ends in an abbreviation or an initial ("J.K.")."""
    word = re.search(r"([\w.]+)\.$", text)
    if not word:
        return False
    last = word[1].casefold()
    if last in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last):
        return True
    # A lone capital is an initial ("E. Stone"), but for the ratings R and G.
    return bool(re.fullmatch(r"[A-FH-QS-Z]", word[1]))


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its own closing punctuation and quotes."""
    text = " ".join(text.split())
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        piece = text[start : match.end()]
        if match.group().startswith(".") and _ends_with_abbreviation(
            text[start : match.start() + 1]
        ):
            continue
        sentences.append(piece.strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def split_clauses(text: str) -> list[str]:
    """Sentences cut again at semicolons: "Directed by X; written by Y." is two clauses."""
    clauses = []
    for sentence in split_sentences(text):
        clauses += [part.strip() for part in sentence.split(";") if part.strip()]
    return clauses


def bare(text: str) -> str:
    """A clause without its closing full stop: "At area theaters." -> "At area theaters"."""
    return re.sub(r"[.;,]+$", "", text.strip()).strip()
