from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews.models.reviews import ReviewStatus


class Transition(models.Model):
    """One move of a review from one state to another: who, when, from, to and why."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=20, choices=ReviewStatus.choices)
    to_status = models.CharField(max_length=20, choices=ReviewStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.review}: {self.get_from_status_display()} → {self.get_to_status_display()}"


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
    status = models.CharField(max_length=20, choices=ReviewStatus.choices)
    snapshot = models.JSONField(default=dict)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-deleted_at"]

    def __str__(self) -> str:
        return f"Deleted: {self.headline}"
