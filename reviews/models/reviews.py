from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from reviews.addresses import slug_url
from reviews.models.critics import Critic
from reviews.models.films import Film
from reviews.models.photos import Photo
from reviews.sanitize import sanitize_html

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


#: 0 to 4 stars in half stars, with one decimal place as the database returns them ("3.0"),
#: so that a stored rating matches its choice in forms.
STAR_VALUES = [(Decimal(n) / 2).quantize(Decimal("0.1")) for n in range(0, 9)]


def _star_label(value: Decimal) -> str:
    whole, half = divmod(int(value * 2), 2)
    text = f"{whole}{'½' if half else ''}"
    return f"{text} star" if value == 1 else f"{text} stars"


STAR_CHOICES = [(value, _star_label(value)) for value in STAR_VALUES]

#: What editors may put in a review body; mirrored by reviews.sanitize on the server.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Blockquote": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Heading": {"levels": [2, 3]},
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
}


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


#: States whose reviews readers see once their publication time has come.
LIVE_STATUSES = [ReviewStatus.SCHEDULED, ReviewStatus.PUBLISHED]


class _InSubquery(models.Func):
    """``expression IN (subquery)``, written ``= ANY(ARRAY(subquery))`` on PostgreSQL: an IN
    under OR is checked row by row, an ANY of an array is an index condition that OR can
    combine with others."""

    template = "%(expressions)s"
    arg_joiner = " IN "
    output_field = models.BooleanField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, arg_joiner=" = ANY(ARRAY", template="%(expressions)s)"
        )


#: A listing card's film, critic and pictures (the review's lead still, else the film's).
CARD_JOINS = ("film", "critic", "lead_still", "film__lead_still")
CARD_RENDITIONS = ("lead_still__renditions", "film__lead_still__renditions")


class ReviewQuerySet(models.QuerySet):
    def published(self) -> ReviewQuerySet:
        """What readers may see: published or scheduled, and due (publication time now or past).

        A scheduled review appears at its time with no job to run: the filter compares with now.
        """
        return self.filter(status__in=LIVE_STATUSES, published_at__lte=timezone.now())

    def latest_first(self) -> ReviewQuerySet:
        return self.order_by("-published_at", "-id")

    def for_listing(self) -> ReviewQuerySet:
        """Everything a listing card shows: film, critic and lead stills in the same query,
        and the stills' renditions in one more query per kind of still, however many cards
        (stills are drawn from their renditions, reviews/stills/pictures.py)."""
        return self.select_related(*CARD_JOINS).prefetch_related(*CARD_RENDITIONS)

    def for_feed(self) -> ReviewQuerySet:
        """Everything a feed entry carries. No renditions: an enclosure is the original."""
        return self.select_related(*CARD_JOINS).prefetch_related("film__genres", "corrections")

    def for_page_header(self) -> ReviewQuerySet:
        """The review's own row with its film, critic and lead stills, in one query: what
        its page needs before its parts (reviews/public/review_page.py), which it fetches
        only when they are not in the fragment cache."""
        return self.select_related(*CARD_JOINS)

    def by_critic(self, critic: Critic) -> ReviewQuerySet:
        return self.filter(critic=critic)

    def containing(self, text: str) -> ReviewQuerySet:
        """Reviews whose headline, dek, film title or critic's name contains ``text`` (any
        case), as the admin searches. The film and critic are subqueries, not joins, so that
        PostgreSQL answers from the trigram indexes instead of reading every review."""
        films = Film.objects.filter(title__icontains=text).values("pk")
        critics = Critic.objects.filter(name__icontains=text).values("pk")
        return self.filter(
            Q(headline__icontains=text)
            | Q(dek__icontains=text)
            | Q(_InSubquery(models.F("film_id"), models.Subquery(films)))
            | Q(_InSubquery(models.F("critic_id"), models.Subquery(critics)))
        )

    def open_to(self, user: AbstractBaseUser) -> ReviewQuerySet:
        """The reviews ``user`` may open in the admin and its previews: every review for
        whoever may edit any critic's, otherwise only their own."""
        if user.has_perm("reviews.edit_any_review"):
            return self
        return self.filter(critic__user=user)


class Review(models.Model):
    film = models.ForeignKey("reviews.Film", on_delete=models.PROTECT, related_name="reviews")
    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, help_text="The review's web address.")
    dek = models.CharField(
        "dek", max_length=300, blank=True, help_text="The sub-headline under the headline."
    )
    critic = models.ForeignKey("reviews.Critic", on_delete=models.PROTECT, related_name="reviews")
    body = ProseEditorField(extensions=BODY_EXTENSIONS, sanitize=sanitize_html, blank=True)
    rating = models.DecimalField(
        "star rating",
        max_digits=2,
        decimal_places=1,
        choices=STAR_CHOICES,
        null=True,
        blank=True,
        help_text="0 to 4 stars in halves; leave empty for a review that is not rated.",
    )
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="Set when the review is published; a future time holds it back until then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("update time", auto_now=True)
    lead_still = models.ForeignKey(
        "reviews.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Used on listings, feeds and social cards. Defaults to the film's lead still.",
    )
    stills = models.ManyToManyField(
        "reviews.Photo", through="reviews.ReviewStill", related_name="reviews", blank=True
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; guards against lost edits."
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_review", "Can publish and unpublish reviews"),
            ("edit_any_review", "Can edit reviews by any critic"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__in=STAR_VALUES),
                name="review_rating_half_stars_0_to_4",
                violation_error_message="The rating must be 0 to 4 stars in halves.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="review_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=LIVE_STATUSES) | Q(published_at__isnull=False),
                name="review_live_has_time",
                violation_error_message="A published or scheduled review needs a publication time.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="review_listing_idx"),
            # The admin's list of every review, newest first (drafts, without a time, first).
            models.Index(fields=["-published_at", "-id"], name="review_newest_idx"),
            # Every public listing: live reviews newest first, read in index order and
            # stopped at the page (and counted from the index alone).
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=LIVE_STATUSES),
                name="review_published_idx",
            ),
            models.Index(fields=["critic", "status", "-published_at"], name="review_critic_idx"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        if self.status == ReviewStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if not self._state.adding:
            # Every save raises the version, so an editor holding an older one can be refused.
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("reviews:review-detail", self.slug)

    @property
    def is_published(self) -> bool:
        """Mirror of ``Review.objects.published()`` for one instance."""
        return (
            self.status in LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def was_ever_published(self) -> bool:
        """Whether readers may have seen it: it holds a publication time (kept when it is
        unpublished) or it was once published or scheduled. A review scheduled for later
        counts too; this answers what must never be taken back, so it errs on that side."""
        if self.published_at is not None or self.status in LIVE_STATUSES:
            return True
        return self.transitions.filter(to_status__in=LIVE_STATUSES).exists()

    @property
    def stars_text(self) -> str:
        """The rating in words, for screen readers and feeds: "3½ stars out of 4"."""
        if self.rating is None:
            return "Not rated"
        return f"{_star_label(self.rating)} out of 4"

    @property
    def listing_photo(self) -> Photo | None:
        """The picture for listings, feeds and social cards, if its rights allow it."""
        for photo in (self.lead_still, self.film.lead_still):
            if photo is not None and photo.is_usable:
                return photo
        return None

    @property
    def last_corrected_at(self) -> datetime.datetime | None:
        """Time of the latest correction (uses prefetched corrections when present)."""
        return max((c.published_at for c in self.corrections.all()), default=None)

    @property
    def modified_at(self) -> datetime.datetime | None:
        """``dateModified`` for readers and machines: the latest of publication, the last
        save and the latest correction."""
        times = [self.published_at, self.updated_at, self.last_corrected_at]
        return max((t for t in times if t is not None), default=None)


class ReviewStill(models.Model):
    """A still placed in a review's body, after a given paragraph."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="placements")
    photo = models.ForeignKey("reviews.Photo", on_delete=models.PROTECT, related_name="placements")
    after_paragraph = models.PositiveSmallIntegerField(
        default=1, help_text="Shown after this paragraph; 0 puts it above the first."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Order among stills after the same paragraph."
    )

    class Meta:
        ordering = ["after_paragraph", "order", "id"]
        verbose_name = "still in the body"
        verbose_name_plural = "stills in the body"
        constraints = [
            models.UniqueConstraint(
                fields=["review", "photo"],
                name="reviewstill_once_per_review",
                violation_error_message="This still is already placed in this review.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.photo} after paragraph {self.after_paragraph}"


class Correction(models.Model):
    """A dated correction appended to a published review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(help_text="As printed, e.g. An earlier version misspelled ...")
    published_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["published_at", "id"]

    def __str__(self) -> str:
        return f"Correction to {self.review}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return f"{self.review.get_absolute_url()}#corrections"
