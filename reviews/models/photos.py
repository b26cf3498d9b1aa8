import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from reviews.stills.validation import validate_still

#: "Expiring soon", in the library's and the admin's rights filters, means within this many days.
EXPIRING_SOON_DAYS = 30


class PhotoQuerySet(models.QuerySet):
    def usable(self, on: datetime.date | None = None) -> "PhotoQuerySet":
        """Stills whose rights still allow us to show them (no expiry, or not yet past)."""
        on = on or timezone.localdate()
        return self.filter(Q(usage_expires__isnull=True) | Q(usage_expires__gte=on))

    def public(self, now: datetime.datetime | None = None) -> "PhotoQuerySet":
        """Stills readers may see: usable by their rights and not under an embargo."""
        now = now or timezone.now()
        open_now = Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
        return self.usable(timezone.localdate(now)).filter(open_now)

    def under_embargo(self, now: datetime.datetime | None = None) -> "PhotoQuerySet":
        return self.filter(embargo_until__gt=now or timezone.now())

    def expired(self, on: datetime.date | None = None) -> "PhotoQuerySet":
        on = on or timezone.localdate()
        return self.filter(usage_expires__lt=on)

    def expiring_within(self, days: int, on: datetime.date | None = None) -> "PhotoQuerySet":
        on = on or timezone.localdate()
        return self.filter(usage_expires__gte=on, usage_expires__lte=on + datetime.timedelta(days))

    def lock_present(self, ids: Iterable[int]) -> set[int]:
        """Lock these stills until the transaction ends; the ids of those that are still
        there. A save about to place or lead with a still takes this lock, and so does the
        desk's deletion before it counts the still's placements: one waits for the other,
        and either the save finds the still gone or the deletion finds it placed."""
        ids = list(ids)
        if not ids:
            return set()
        return set(self.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))

    def missing_renditions(self, uploaded_before: datetime.datetime) -> "PhotoQuerySet":
        """Stills whose renditions are not all there: the last making of them failed, or
        none was ever made though the still was uploaded before ``uploaded_before`` (its
        task was lost; a younger still's may still be queued)."""
        failed = Q(renditions_failed_at__isnull=False)
        never_made = Q(renditions__isnull=True, uploaded_at__lt=uploaded_before)
        return self.filter(failed | never_made).distinct()


class Photo(models.Model):
    """A captioned still, with the credit line and the rights that govern its use."""

    image = models.ImageField(
        upload_to="stills/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_still],
        help_text="JPEG, PNG or WebP.",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(
        max_length=400, help_text="As printed under the photo, e.g. Emma Stone as Mia."
    )
    credit_line = models.CharField(
        max_length=200,
        help_text="As printed after the caption, e.g. Dale Robinette/Lionsgate.",
    )
    alt_text = models.CharField(
        max_length=300,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    film = models.ForeignKey(
        "reviews.Film",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stills",
    )
    rights_holder = models.CharField(
        max_length=200, blank=True, help_text="Who owns the picture, e.g. Lionsgate."
    )
    usage_expires = models.DateField(
        null=True,
        blank=True,
        help_text="Last day we may publish it. Leave empty when the rights do not expire.",
    )
    embargo_until = models.DateTimeField(
        "embargo until",
        null=True,
        blank=True,
        help_text="Shown to readers nowhere before this time (the studio's terms). A review's "
        "embargo is set on the stills it places or leads with when the review is saved.",
    )
    embargo_note = models.CharField(
        "embargo terms",
        max_length=300,
        blank=True,
        help_text="The studio's terms, e.g. Not before the festival premiere.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    focal_x = models.FloatField(
        default=0.5, help_text="Horizontal centre of interest, 0 (left) to 1 (right)."
    )
    focal_y = models.FloatField(
        default=0.5, help_text="Vertical centre of interest, 0 (top) to 1 (bottom)."
    )
    renditions_failed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When making the renditions last failed (storage refused them, say); "
        "empty once they are made. Pages show the original meanwhile.",
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = "still"
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["usage_expires"], name="photo_usage_expires_idx"),
            models.Index(
                fields=["embargo_until"],
                condition=Q(embargo_until__isnull=False),
                name="photo_embargo_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="photo_focal_point_inside",
                violation_error_message="The focal point must lie inside the picture.",
            )
        ]

    def __str__(self) -> str:
        return self.caption[:80]

    @property
    def is_usable(self) -> bool:
        """Mirror of ``Photo.objects.usable()`` for one still."""
        return self.usage_expires is None or self.usage_expires >= timezone.localdate()

    @property
    def is_under_embargo(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def is_public(self) -> bool:
        """Mirror of ``Photo.objects.public()`` for one still."""
        return self.is_usable and not self.is_under_embargo

    @property
    def expires_soon(self) -> bool:
        """Mirror of ``Photo.objects.expiring_within(EXPIRING_SOON_DAYS)`` for one still."""
        if self.usage_expires is None:
            return False
        today = timezone.localdate()
        return today <= self.usage_expires <= today + datetime.timedelta(EXPIRING_SOON_DAYS)
