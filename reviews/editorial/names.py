"""Names compared as an editor would (case, accents and punctuation do not make two people),
and the people who are probably the same person: the list editors review before merging.
"""

import re
import unicodedata
from collections import defaultdict

from django.db.models import Count

from reviews.models import Person


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


def likely_duplicate_people() -> list[list[Person]]:
    """Groups of two or more people whose names are the same once normalised.

    "J.K. Simmons" and "JK Simmons", "Penélope Cruz" and "Penelope Cruz". Each person
    carries ``credit_count``; two queries however many people there are.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for pk, name in Person.objects.values_list("id", "name"):
        groups[name_key(name)].append(pk)
    ids = [pk for pks in groups.values() if len(pks) > 1 for pk in pks]
    people = Person.objects.filter(pk__in=ids).annotate(credit_count=Count("credits"))
    by_key: dict[str, list[Person]] = defaultdict(list)
    for person in people.order_by("-credit_count", "name", "id"):
        by_key[name_key(person.name)].append(person)
    return [group for _, group in sorted(by_key.items())]
