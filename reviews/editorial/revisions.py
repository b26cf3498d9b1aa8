"""What django-reversion keeps: every save of a review or a film, with what is edited with it;
what a restore of a review's revision may not undo; and when a revision cannot be restored.

A review's revision holds its placed stills and corrections; a film's holds its credits. A
film's photos are not followed: restoring a film must never delete stills uploaded since.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import reversion
from django.contrib.auth import get_permission_codename
from django.db import models

from reviews.models import Correction, Credit, Film, Person, Review, ReviewStill

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from reversion.models import Revision, Version

    User = AbstractBaseUser | AnonymousUser

#: The rows a review's revision carries besides the review itself.
FOLLOWED: tuple[type[models.Model], ...] = (ReviewStill, Correction)


def register_models() -> None:
    for model, follow in [
        (Review, ["placements", "corrections"]),
        (Film, ["credits"]),
        (ReviewStill, []),
        (Correction, []),
        (Credit, []),
    ]:
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)


@dataclass
class Rights:
    """What a user may do by hand to one kind of row beside a review."""

    add: bool
    change: bool
    delete: bool


@dataclass
class RestoreGuard:
    """The rows beside a review as they stood before a restore, and what the restoring
    user may do to them by hand: a restore may do no more.

    Reversion deletes every followed row the old revision lacks and writes back the old
    values of the others, whatever the user's rights: a Critic restoring a draft would
    delete the correction an Editor added. ``put_back`` undoes what the user could not have
    done by hand; and the corrections of a review that was ever published stay, whoever
    restores it, since readers may have seen them.
    """

    review_id: int
    before: dict[type[models.Model], dict[int, models.Model]] = field(default_factory=dict)
    rights: dict[type[models.Model], Rights] = field(default_factory=dict)

    @classmethod
    def taken(cls, review: Review, user: User) -> RestoreGuard:
        """Taken before the old revision is written back, with the review's row locked."""
        published = review.was_ever_published
        guard = cls(review.pk)
        for model in FOLLOWED:
            guard.before[model] = {row.pk: row for row in model.objects.filter(review=review)}
            rights = Rights(*(_may(user, action, model) for action in ("add", "change", "delete")))
            if model is Correction and published:
                rights.delete = False
            guard.rights[model] = rights
        return guard

    def put_back(self) -> None:
        """After the revert: rows it removed, changed or added against the rights, as before."""
        for model, before in self.before.items():
            rights = self.rights[model]
            now = {row.pk: row for row in model.objects.filter(review_id=self.review_id)}
            for pk, row in before.items():
                if pk not in now and not rights.delete:
                    row.save(force_insert=True)
                elif pk in now and not rights.change and _values(now[pk]) != _values(row):
                    row.save(force_update=True)
            if not rights.add:
                model.objects.filter(pk__in=now.keys() - before.keys()).delete()


def _may(user: User, action: str, model: type[models.Model]) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")


def _values(row: models.Model) -> dict:
    return {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}


@dataclass
class MissingReference:
    """A row of a revision pointing at something no longer stored."""

    model: type[models.Model]  # what is missing, e.g. Person
    row: str  # the row that names it, as the revision printed it: "JK Simmons as Fletcher"


def missing_references(revision: Revision) -> list[MissingReference]:
    """What the rows of ``revision`` point at that is gone: a person merged into another, a
    still or a genre deleted. Written back, such a row would break its foreign key, so a
    revision with any cannot be restored. What the revision itself holds (and so writes
    back) is not missing."""
    versions = list(revision.version_set.all())
    held = {(v._model, str(v.object_id)) for v in versions}
    wanted: dict[type[models.Model], dict[str, list[str]]] = defaultdict(dict)
    for version in versions:
        for model, pk in _references(version):
            if (model, pk) not in held:
                wanted[model].setdefault(pk, []).append(version.object_repr)
    missing = []
    for model, rows in wanted.items():
        stored = model._default_manager.filter(pk__in=rows).values_list("pk", flat=True)
        gone = rows.keys() - {str(pk) for pk in stored}
        missing += [MissingReference(model, row) for pk in sorted(gone) for row in rows[pk]]
    return missing


def _references(version: Version) -> Iterator[tuple[type[models.Model], str]]:
    """The rows one version's foreign keys and many-to-many fields point at."""
    fields = version.field_dict
    opts = version._model._meta
    for column in opts.concrete_fields:
        if column.many_to_one and fields.get(column.attname) is not None:
            yield column.related_model, str(fields[column.attname])
    for column in opts.many_to_many:
        for pk in fields.get(column.attname) or ():
            yield column.related_model, str(pk)


def cannot_restore_message(missing: list[MissingReference], noun: str) -> str:
    """Why a revision cannot be restored, naming what is gone and the rows that name it."""
    parts = []
    for model in dict.fromkeys(reference.model for reference in missing):
        rows = ", ".join(reference.row for reference in missing if reference.model is model)
        if model is Person:
            kind = "people who have since been merged into another person or deleted"
        else:
            kind = f"{model._meta.verbose_name_plural} that have since been deleted"
        parts.append(f"{kind} ({rows})")
    return (
        f"This revision cannot be restored: it names {'; and '.join(parts)}. Nothing was "
        f"changed; edit the {noun} by hand instead."
    )
