"""Folding duplicate records of one person into one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from reviews.models import Credit, Person, SlugRedirect


# People ------------------------------------------------------------------------------------
@dataclass
class MergeResult:
    kept: Person
    merged: list[str] = field(default_factory=list)  # the names merged away
    moved: int = 0  # credits that moved to the kept person
    dropped: int = 0  # credits the kept person already had, word for word
    redirects: list[str] = field(default_factory=list)  # old slugs that now redirect


def merge_people(keep: Person, duplicates: Iterable[Person]) -> MergeResult:
    """Fold duplicate records of one person into ``keep``.

    Each duplicate's credits move to ``keep``; a credit ``keep`` already holds (same film,
    role, character and job, which the database allows only once) is dropped instead of
    moved. The duplicate is deleted and its address redirects permanently to ``keep``.
    """
    result = MergeResult(kept=keep)
    with transaction.atomic():
        duplicates = list(duplicates)
        ids = [keep.pk, *(d.pk for d in duplicates)]
        if keep.pk in ids[1:]:
            raise ValueError(f"{keep} cannot be merged into themselves.")
        list(Person.objects.select_for_update().filter(pk__in=ids))  # lock the rows
        held = set(
            Credit.objects.filter(person=keep).values_list("film_id", "role", "character", "job")
        )
        for duplicate in duplicates:
            to_move, to_drop = [], []
            credits = duplicate.credits.values_list("id", "film_id", "role", "character", "job")
            for credit_id, *key in credits:
                key = tuple(key)
                (to_drop if key in held else to_move).append(credit_id)
                held.add(key)
            Credit.objects.filter(pk__in=to_drop).delete()
            Credit.objects.filter(pk__in=to_move).update(person=keep)
            if not keep.bio and duplicate.bio:
                keep.bio = duplicate.bio
                keep.save(update_fields=["bio", "updated_at"])
            SlugRedirect.objects.fold(duplicate, into=keep)
            result.merged.append(duplicate.name)
            result.redirects.append(duplicate.slug)
            result.moved += len(to_move)
            result.dropped += len(to_drop)
            duplicate.delete()
    return result
