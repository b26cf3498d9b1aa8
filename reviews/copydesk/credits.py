"""Cast and crew: in a credits block ("Directed by X; with A (B)") and inside the body
("Ada (Maria Rossi)", "Maria Rossi as Ada", "director Jan Novak", "composer Lena Park's").

Each function reads one sentence or clause and answers ``(person, role, character)``s.
"""

from __future__ import annotations

import re

from reviews.copydesk.names import CHARACTER, NAME, WORD, is_full_name, trim_name
from reviews.copydesk.sentences import bare
from reviews.models import CreditRole

Found = tuple[str, str, str]

#: Credits-block clauses and the roles they give, in the order they are tried.
_CREW_CLAUSES = [
    (r"(?:written and directed|directed and written) by", (CreditRole.DIRECTOR,
                                                           CreditRole.SCREENWRITER)),
    (r"(?:cinematography|photography) by|director of photography,?:?|photographed by|"
     r"cinematographers?:", (CreditRole.CINEMATOGRAPHER,)),
    (r"directed by|directors?:", (CreditRole.DIRECTOR,)),
    (r"(?:written|screenplay) by|screenplay:|(?:screen)?writers?:", (CreditRole.SCREENWRITER,)),
    (r"produced by|producers?:", (CreditRole.PRODUCER,)),
    (r"(?:original )?(?:music|score) by|composers?:|music:", (CreditRole.COMPOSER,)),
    (r"(?:film )?edit(?:ed|ing) by|editors?:", (CreditRole.EDITOR,)),
]  # fmt: skip
_CREW = [(re.compile(rf"^(?:{words})\s+(?P<names>.+)$", re.I), roles) for words, roles in
         _CREW_CLAUSES]  # fmt: skip
_CAST_CLAUSE = re.compile(r"^(?:with|starring|cast)\s*:?\s+(?P<names>.+)$", re.I)
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?(?![^()]*\))|\s+and\s+(?![^()]*\))")
_CAST_ENTRY = [
    re.compile(rf"^(?P<person>{NAME})\s*\((?P<character>[^()]+)\)$"),
    re.compile(rf"^(?P<person>{NAME})\s+as\s+(?P<character>.+)$"),
    re.compile(rf"^(?P<person>{NAME})$"),
]

#: Inside the body: "Ada (Maria Rossi)" or "Emma Stone (Mia)".
_PAREN = re.compile(rf"(?P<before>{CHARACTER})\s*\((?P<inside>{CHARACTER}(?:\s+{WORD})?)\)")
#: "Maria Rossi as the ferry pilot Ada", "Ryan Gosling as Sebastian, a jazz pianist".
_AS = re.compile(
    rf"(?P<person>{WORD}(?:\s+{WORD}){{1,4}})\s+as\s+(?:(?:[a-z][\w’'-]*)\s+){{0,4}}"
    rf"(?P<character>{CHARACTER})"
)
_ROLE_WORDS = {
    "director": CreditRole.DIRECTOR,
    "screenwriter": CreditRole.SCREENWRITER,
    "writer": CreditRole.SCREENWRITER,
    "producer": CreditRole.PRODUCER,
    "composer": CreditRole.COMPOSER,
    "editor": CreditRole.EDITOR,
    "cinematographer": CreditRole.CINEMATOGRAPHER,
}
_ROLE_NAME = re.compile(rf"\b(?P<role>(?i:{'|'.join(_ROLE_WORDS)}))s?\s+(?P<person>{NAME})")
_BY_NAME = re.compile(
    rf"\b(?P<verb>directed|written|produced|edited|photographed|scored) by (?P<person>{NAME})"
)
_VERB_ROLES = {
    "directed": CreditRole.DIRECTOR,
    "written": CreditRole.SCREENWRITER,
    "produced": CreditRole.PRODUCER,
    "edited": CreditRole.EDITOR,
    "photographed": CreditRole.CINEMATOGRAPHER,
    "scored": CreditRole.COMPOSER,
}


def _names(listed: str) -> list[str]:
    return [part.strip() for part in _LIST_SEPARATOR.split(listed) if part and part.strip()]


def _cast_entry(entry: str) -> Found | None:
    for pattern in _CAST_ENTRY:
        if match := pattern.match(entry):
            character = match.groupdict().get("character") or ""
            return match["person"], CreditRole.CAST, " ".join(character.split())
    return None


def _crew_clause(clause: str) -> list[Found] | None:
    for pattern, roles in _CREW:
        if match := pattern.match(clause):
            names = _names(match["names"])
            if not names or not all(is_full_name(name) for name in names):
                return None
            return [(name, role, "") for name in names for role in roles]
    return None


def credits_in_clause(clause: str) -> list[Found] | None:
    """The credits a clause of a credits block gives, or None when it is not such a clause
    (then the paragraph it belongs to is body text)."""
    clause = bare(clause)
    if match := _CAST_CLAUSE.match(clause):
        entries = [_cast_entry(entry) for entry in _names(match["names"])]
        return entries if entries and all(entries) else None  # type: ignore[return-value]
    return _crew_clause(clause)


def _paren_credits(sentence: str) -> list[Found]:
    found = []
    for match in _PAREN.finditer(sentence):
        before, inside = trim_name(match["before"]), trim_name(match["inside"])
        if is_full_name(inside) and before and not is_full_name(before):
            found.append((inside, CreditRole.CAST, before))
        elif is_full_name(before) and inside and not is_full_name(inside):
            found.append((before, CreditRole.CAST, inside))
    return found


def _as_credits(sentence: str) -> list[Found]:
    found = []
    for match in _AS.finditer(sentence):
        person = trim_name(match["person"])
        if is_full_name(person):
            found.append((person, CreditRole.CAST, trim_name(match["character"])))
    return found


def _crew_credits(sentence: str) -> list[Found]:
    found = []
    for match in _ROLE_NAME.finditer(sentence):
        person = trim_name(match["person"])
        if is_full_name(person):
            found.append((person, _ROLE_WORDS[match["role"].casefold()], ""))
    for match in _BY_NAME.finditer(sentence):
        person = trim_name(match["person"])
        if is_full_name(person):
            found.append((person, _VERB_ROLES[match["verb"]], ""))
    return found


def credits_in_sentence(sentence: str) -> list[Found]:
    """The cast and crew a sentence of the body or a caption names."""
    return _paren_credits(sentence) + _as_credits(sentence) + _crew_credits(sentence)
