"""Names compared as an editor would: case, accents and punctuation do not make two people."""

import re
import unicodedata


def name_key(name: str) -> str:
    """``"J.K. Simmons"``, ``"JK Simmons"`` and ``"j. k. simmons"`` all give ``"jk simmons"``.

    Accents go (Penélope = Penelope), dots and apostrophes vanish (O'Brien = OBrien), other
    punctuation separates words, and runs of single letters join up (J. K. = JK).
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[.'’`]", "", plain)
    words: list[str] = []
    initials = False
    for word in re.sub(r"[\W_]+", " ", plain).split():
        if len(word) == 1 and initials:
            words[-1] += word
            continue
        words.append(word)
        initials = len(word) == 1
    return " ".join(words)
