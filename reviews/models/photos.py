import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from reviews.models.versioning import Versioned
from reviews.stills.validation import validate_still

#: "Expiring soon", in the library's and the admin's rights filters, means within this many days.
EXPIRING_SOON_DAYS = 30


def usable_condition(prefix: str = "", on: datetime.date | None = None) -> Q:
    """The condition of ``Photo.objects.usable()``, on the still at ``prefix`` (``photo__``)
    of another model: a join, where a subquery of usable stills would cost more."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}usage_expires__isnull": True}) | Q(**{f"{prefix}usage_expires__gte": on})


def previewable_condition(prefix: str = "") -> Q:
    """``Photo.objects.previewable()``'s condition on the still at ``prefix``: usable, and
    its files at their public address (an embargo does not hide it from staff)."""
    return usable_condition(prefix) & Q(**{f"{prefix}files_withdrawn_at__isnull": True})


def public_condition(prefix: str = "", now: datetime.datetime | None = None) -> Q:
    """``Photo.objects.public()``'s condition on the still at ``prefix``: previewable, and
    not under an embargo."""
    now = now or timezone.now()
    open_now = Q(**{f"{prefix}embargo_until__isnull": True}) | Q(
        **{f"{prefix}embargo_until__lte": now}
    )
    return (
        usable_condition(prefix, timezone.localdate(now))
        & Q(**{f"{prefix}files_withdrawn_at__isnull": True})
        & open_now
    )


class PhotoQuerySet(models.QuerySet):
    def usable(self, on: datetime.date | None = None) -> "PhotoQuerySet":
        """Stills whose rights still allow us to show them (no expiry, or not yet past)."""
        return self.filter(usable_condition(on=on))

    def previewable(self) -> "PhotoQuerySet":
        """Stills a staff preview may show: usable, and their files at their public address
        (an embargo does not hide them from staff)."""
        return self.filter(previewable_condition())

    def public(self, now: datetime.datetime | None = None) -> "PhotoQuerySet":
        """Stills readers may see: usable by their rights, their files at their public
        address, and not under an embargo."""
        return self.filter(public_condition(now=now))

    def under_embargo(self, now: datetime.datetime | None = None) -> "PhotoQuerySet":
        return self.filter(embargo_until__gt=now or timezone.now())

    def expired(self, on: datetime.date | None = None) -> "PhotoQuerySet":
        on = on or timezone.localdate()
        return self.filter(usage_expires__lt=on)

    def expiring_within(self, days: int, on: datetime.date | None = None) -> "PhotoQuerySet":
        on = on or timezone.localdate()
        return self.filter(usage_expires__gte=on, usage_expires__lte=on + datetime.timedelta(days))

    def to_withdraw(self, on: datetime.date | None = None) -> "PhotoQuerySet":
        """Expired stills whose files are still at their public address."""
        return self.expired(on).filter(files_withdrawn_at__isnull=True)

    def to_restore(self, on: datetime.date | None = None) -> "PhotoQuerySet":
        """Stills whose files were withdrawn but whose rights allow them again (renewed)."""
        return self.usable(on).filter(files_withdrawn_at__isnull=False)

    def unused(self) -> "PhotoQuerySet":
        """Stills no review places or leads with and no film leads with."""
        return self.exclude(self._use_condition())

    def in_use(self) -> "PhotoQuerySet":
        return self.filter(self._use_condition())

    @staticmethod
    def _use_condition() -> Q:
        from reviews.models.films import Film
        from reviews.models.reviews import Review, ReviewStill

        return Q(
            Exists(ReviewStill.objects.filter(photo=OuterRef("pk")))
            | Exists(Review.objects.filter(lead_still=OuterRef("pk")))
            | Exists(Film.objects.filter(lead_still=OuterRef("pk")))
        )

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
        # A withdrawn still's renditions are made again when its files come back.
        return self.filter(failed | never_made, files_withdrawn_at__isnull=True).distinct()


class Photo(Versioned):
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
    creator = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who made the picture (the photographer), e.g. Dale Robinette.",
    )
    copyright_notice = models.CharField(
        max_length=300,
        blank=True,
        help_text="As the owner words it, e.g. © 2016 Lionsgate. Written into the files.",
    )
    licence_url = models.URLField(
        "licence page",
        max_length=500,
        blank=True,
        help_text="The page stating the licence (the file's Web Statement of Rights).",
    )
    acquire_licence_url = models.URLField(
        "where to license it",
        max_length=500,
        blank=True,
        help_text="Where others may license the picture (the file's Licensor URL).",
    )
    usage_terms = models.TextField(
        blank=True,
        help_text="What the licence allows, e.g. Editorial use only, for the film's release.",
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
    from_file = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Fields filled from the file's own metadata and not yet confirmed by an "
        "editor, each with where it came from: {field: 'XMP' | 'IPTC' | 'EXIF'}.",
    )
    renditions_failed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When making the renditions last failed (storage refused them, say); "
        "empty once they are made. Pages show the original meanwhile.",
    )

    files_withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When its rights expired and its files were moved out of public reach; "
        "empty while they are served (manage.py withdraw_expired_stills).",
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
    def is_previewable(self) -> bool:
        """Mirror of ``Photo.objects.previewable()`` for one still."""
        return self.is_usable and self.files_withdrawn_at is None

    @property
    def is_public(self) -> bool:
        """Mirror of ``Photo.objects.public()`` for one still: its rights allow it, its files
        are at their public address (not withdrawn), and no embargo holds it back."""
        return self.is_previewable and not self.is_under_embargo

    @property
    def from_file_labels(self) -> list[str]:
        """The fields filled from the file and not yet confirmed, as the forms name them."""
        names = self.from_file or {}
        return [str(self._meta.get_field(name).verbose_name) for name in names]

    @property
    def expires_soon(self) -> bool:
        """Mirror of ``Photo.objects.expiring_within(EXPIRING_SOON_DAYS)`` for one still."""
        if self.usage_expires is None:
            return False
        today = timezone.localdate()
        return today <= self.usage_expires <= today + datetime.timedelta(EXPIRING_SOON_DAYS)
