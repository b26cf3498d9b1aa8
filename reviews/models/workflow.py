from django.conf import settings
from django.db import models
from django.utils import timezone


class Transition(models.Model):
    """One move of a review from one state to another: who, when, from, to and why."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.review}: {self.from_status} → {self.to_status}"


class PreviewLinkQuerySet(models.QuerySet):
    def active(self) -> "PreviewLinkQuerySet":
        """Links that still open their review: not revoked, not expired (``is_active``)."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A shareable, expiring, revocable read-only preview of one review."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="preview_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Preview of {self.review} until {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        """Mirror of ``PreviewLink.objects.active()`` for one link."""
        return self.revoked_at is None and self.expires_at > timezone.now()


class DeletionRecord(models.Model):
    """What is left of a deleted review: who deleted it, when, and what it said."""

    review_id = models.BigIntegerField()
    headline = models.CharField(max_length=200)
    slug = models.CharField(max_length=220)
    status = models.CharField(max_length=20)
    snapshot = models.JSONField(default=dict)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-deleted_at"]

    def __str__(self) -> str:
        return f"Deleted: {self.headline}"


class SlugRedirectQuerySet(models.QuerySet):
    def target_id(self, kind: str, old_slug: str) -> int | None:
        """The id of what used to live at ``old_slug``, if anything did."""
        return self.filter(kind=kind, old_slug=old_slug).values_list("target_id", flat=True).first()


class SlugRedirect(models.Model):
    """An old address that permanently redirects to where the object lives now.

    Made when a review's slug changes and when a duplicate person is merged into another.
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
