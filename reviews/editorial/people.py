"""Folding duplicate records of one person into one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from reviews.models import Credit, Person, SlugRedirect
from reviews.transactions import write_transaction


# People ------------------------------------------------------------------------------------
@dataclass
class MergeResult:
    kept: Person
    merged: list[str] = field(default_factory=list)  # the names merged away
    moved: int = 0  # credits that moved to the kept person
    dropped: int = 0  # credits the kept person already had, word for word
    redirects: list[str] = field(default_factory=list)  # old slugs that now redirect


def _locked_people(keep: Person, duplicates: list[Person]) -> list[Person]:
    """The duplicates as they are now, their rows and ``keep``'s locked; ``keep`` is read
    again too, so that nothing saved since the page was loaded is written back over."""
    ids = [keep.pk, *(d.pk for d in duplicates)]
    if keep.pk in ids[1:]:
        raise ValueError(f"{keep} cannot be merged into themselves.")
    present = Person.objects.select_for_update().in_bulk(ids)
    if gone := [p.name for p in [keep, *duplicates] if p.pk not in present]:
        raise ValueError(
            f"{', '.join(gone)} merged or deleted a moment ago; nothing was merged. "
            "Choose the people again."
        )
    keep.refresh_from_db()
    return [present[d.pk] for d in duplicates]


def merge_people(keep: Person, duplicates: Iterable[Person]) -> MergeResult:
    """Fold duplicate records of one person into ``keep``.

    Each duplicate's credits move to ``keep``; a credit ``keep`` already holds (same film,
    role, character and job, which the database allows only once) is dropped instead of
    moved. The duplicate is deleted and its address redirects permanently to ``keep``.

    The people are locked and read again before anything else (``write_transaction``): a
    save of one of them meanwhile waits for the merge, or the merge for it, and neither
    is lost. Raises ``ValueError`` when one of them is gone since, and ``WriteBusy`` when
    the database stayed busy past the timeout; nothing is merged then.
    """
    result = MergeResult(kept=keep)
    with write_transaction():
        duplicates = _locked_people(keep, list(duplicates))
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
