"""People who are probably the same person: the list editors review before merging."""

from collections import defaultdict

from django.db.models import Count

from reviews.models import Person
from reviews.names import name_key


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
