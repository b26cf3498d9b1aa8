import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from reviews.stills.validation import validate_still

#: "Expiring soon", in the library's and the admin's rights filters, means within this many days.
EXPIRING_SOON_DAYS = 30


def usable_condition(prefix: str = "", on: datetime.date | None = None) -> Q:
    """The condition of ``Photo.objects.usable()``, on the still at ``prefix`` (``photo__``)
    of another model: a join, where a subquery of usable stills would cost more."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}usage_expires__isnull": True}) | Q(**{f"{prefix}usage_expires__gte": on})


class PhotoQuerySet(models.QuerySet):
    def usable(self, on: datetime.date | None = None) -> "PhotoQuerySet":
        """Stills whose rights still allow us to show them (no expiry, or not yet past)."""
        return self.filter(usable_condition(on=on))

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
        indexes = [models.Index(fields=["usage_expires"], name="photo_usage_expires_idx")]
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
    def expires_soon(self) -> bool:
        """Mirror of ``Photo.objects.expiring_within(EXPIRING_SOON_DAYS)`` for one still."""
        if self.usage_expires is None:
            return False
        today = timezone.localdate()
        return today <= self.usage_expires <= today + datetime.timedelta(EXPIRING_SOON_DAYS)
