"""What django-reversion keeps: every save of a review or a film, with what is edited with it;
and what a restore of a review's revision may not undo.

A review's revision holds its placed stills and corrections; a film's holds its credits. A
film's photos are not followed: restoring a film must never delete stills uploaded since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import reversion
from django.contrib.auth import get_permission_codename
from django.db import models

from reviews.models import Correction, Credit, Film, Review, ReviewStill

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

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
