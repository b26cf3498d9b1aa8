"""Old addresses: a review's, film's or person's slug that now leads to where it lives."""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone


class SlugRedirectQuerySet(models.QuerySet):
    """The one API for old addresses: written by ``remember`` and ``fold``, read by ``moved_to``."""

    def moved_to(self, kind: str, slug: str) -> int | None:
        """The id of the object of ``kind`` that used to live at ``slug``, if anything did."""
        return self.filter(kind=kind, old_slug=slug).values_list("target_id", flat=True).first()

    def remember(self, obj: models.Model, old_slug: str) -> None:
        """Keep ``old_slug`` leading to ``obj`` (a permanent redirect) after its slug changed."""
        if not old_slug or old_slug == obj.slug:
            return
        kind = SlugRedirect.kind_of(obj)
        with transaction.atomic():
            taken_back = self.filter(kind=kind, old_slug=obj.slug)
            if kind == SlugRedirect.Kind.REVIEW:
                # A draft taking another review's old slug is not live there yet: that old
                # address keeps redirecting. Only the review's own old address comes back.
                taken_back = taken_back.filter(target_id=obj.pk)
            taken_back.delete()
            self.update_or_create(kind=kind, old_slug=old_slug, defaults={"target_id": obj.pk})

    def fold(self, duplicate: models.Model, into: models.Model) -> None:
        """``duplicate`` is merged into ``into``: its address and its old ones lead there."""
        kind = SlugRedirect.kind_of(into)
        with transaction.atomic():
            self.filter(kind=kind, target_id=duplicate.pk).update(target_id=into.pk)
            self.update_or_create(
                kind=kind, old_slug=duplicate.slug, defaults={"target_id": into.pk}
            )

    def forget(self, obj: models.Model) -> None:
        """``obj`` is gone: its old addresses lead nowhere."""
        self.filter(kind=SlugRedirect.kind_of(obj), target_id=obj.pk).delete()


class SlugRedirect(models.Model):
    """An old address that permanently redirects to where the object lives now.

    Made when a review's, film's or person's slug changes and when a duplicate person is
    merged into another.
    """

    class Kind(models.TextChoices):
        REVIEW = "review", "Review"
        FILM = "film", "Film"
        PERSON = "person", "Person"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    old_slug = models.CharField(max_length=220)
    target_id = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = SlugRedirectQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_slug"], name="slugredirect_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.old_slug} → #{self.target_id}"

    @classmethod
    def kind_of(cls, obj: models.Model | type[models.Model]) -> str:
        """The kind of redirect for a review, film or person (or its model)."""
        return cls.Kind(obj._meta.model_name)
