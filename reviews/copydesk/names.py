"""What a person's name, a character's name and a film title look like in print."""

from __future__ import annotations

import re

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
#: One capitalised word of a name: "Emma", "J.K.", "DeWitt", "O’Brien", "Jean-Luc".
WORD = rf"[{_UPPER}][\w'’.\-]*"
_PARTICLE = r"(?:de|da|del|der|di|du|la|le|van|von|bin|al|ter|y)"
#: A person's name: two to four capitalised words, particles allowed between them.
NAME = rf"{WORD}(?:\s+(?:{_PARTICLE}\s+)?{WORD}){{1,3}}"
#: A character's name as printed beside the actor: one to three capitalised words.
CHARACTER = rf"{WORD}(?:\s+{WORD}){{0,2}}"

#: Capitalised words that begin a sentence or a clause, not a name.
LEADING_WORDS = {
    "a", "an", "and", "as", "at", "after", "before", "but", "even", "here", "if", "in",
    "later", "meanwhile", "mr.", "mrs.", "ms.", "dr.", "on", "or", "so", "the", "then",
    "there", "when", "while", "with", "yet", "director", "composer", "editor", "producer",
}  # fmt: skip
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on",
                "or", "the", "to", "with", "is", "it", "its", "vs.", "de", "la", "le"}  # fmt: skip


def trim_name(name: str) -> str:
    """A matched name without the sentence words before it and a possessive after it:
    "When Emma Stone" -> "Emma Stone", "Lena Park's" -> "Lena Park"."""
    words = name.split()
    while words and words[0].casefold() in LEADING_WORDS:
        words = words[1:]
    cleaned = " ".join(words)
    return re.sub(r"(?:['’]s|['’])$", "", cleaned).rstrip(".,")


def is_full_name(name: str) -> bool:
    """Two words or more, each capitalised (bar particles): a person, not a pronoun."""
    return re.fullmatch(NAME, name) is not None


def is_title_case(phrase: str) -> bool:
    """Whether a quoted phrase reads as a title: every longer word capitalised."""
    words = phrase.split()
    if not words or len(words) > 10 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.casefold() in _SMALL_WORDS or len(w) < 4 for w in words)
