from __future__ import annotations

import datetime
import re
from decimal import Decimal
from html import unescape
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from reviews.addresses import slug_url
from reviews.models.critics import Critic
from reviews.models.expressions import AmongIds
from reviews.models.films import Film
from reviews.models.photos import Photo
from reviews.models.renditions import Rendition
from reviews.sanitize import sanitize_html

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from reviews.models.people import Person


#: 0 to 4 stars in half stars, with one decimal place as the database returns them ("3.0"),
#: so that a stored rating matches its choice in forms.
STAR_VALUES = [(Decimal(n) / 2).quantize(Decimal("0.1")) for n in range(0, 9)]


def _star_label(value: Decimal) -> str:
    """ "3½ stars", "1 star", "½ star", "0 stars": singular for one star or less."""
    whole, half = divmod(int(value * 2), 2)
    text = f"{whole or ''}{'½' if half else ''}" or "0"
    return f"{text} star" if 0 < value <= 1 else f"{text} stars"


#: The longest pull quote listings and aggregators take.
PULL_QUOTE_MAX_LENGTH = 200


def body_text(html: str) -> str:
    """The words of a review body without its markup, each run of white space one space:
    what a pull quote is checked against."""
    text = re.sub(r"<[^>]*>", " ", html or "")
    return " ".join(unescape(text).split())


def _quote_text(quote: str) -> str:
    """A pull quote as compared with the body: white space folded, the quotation marks an
    editor may put round it taken off."""
    return " ".join(quote.split()).strip("\"“”‘’'").strip()


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


#: A listing card's film, critic and pictures: the review's lead still and the film's in
#: the same query; the one each card shows (``Review.listing_photo``) with the renditions
#: it draws, its 16:9 crop in both formats (two of a still's fourteen).
CARD_JOINS = ("film", "critic", "lead_still", "film__lead_still")
CARD_PICTURE = (
    "listing_photo",
    models.Prefetch("listing_photo__renditions", queryset=Rendition.objects.filter(spec="card")),
)


def _shown_placements() -> models.QuerySet:
    """Placements of stills pages may show (rights allow them, files at their address)."""
    return ReviewStill.objects.filter(photo__in=Photo.objects.public().values("pk"))


def _shown(photo: Photo | None) -> bool:
    return photo is not None and photo.is_public


def first_body_still(review: Review) -> Photo | None:
    """The first still in ``review``'s body that may be shown: from its prefetched
    placements when the page fetched them, else in one query."""
    prefetched = getattr(review, "_prefetched_objects_cache", {}).get("placements")
    if prefetched is not None:
        return next((p.photo for p in prefetched if p.photo.is_public), None)
    placement = _shown_placements().filter(review=review).select_related("photo").first()
    return placement.photo if placement else None


class ListingPhoto:
    """``review.listing_photo``: the picture of listings, feeds and social cards, shown
    above the review (and not again in its body). The lead still chosen, else the first
    still in the body, else the film's lead still; each only while its rights allow it.

    Worked out when read, never stored on save, so that reviews written by imports and
    ``bulk_create`` have it too. A listing prefetches it (``prefetch_related("listing_photo",
    "listing_photo__renditions")``, Django's protocol as GenericForeignKey follows it) after
    ``Review.objects.with_first_still()``: the first body stills of the reviews that need
    one take one query, and the renditions of every card's picture one more.
    """

    cache_name = "_listing_photo"

    def __get__(self, review: Review | None, owner: type | None = None):
        if review is None:
            return self
        if self.cache_name not in review.__dict__:
            first = None if _shown(review.lead_still) else first_body_still(review)
            review.__dict__[self.cache_name] = self._choose(review, first)
        return review.__dict__[self.cache_name]

    @staticmethod
    def _choose(review: Review, first: Photo | None) -> Photo | None:
        candidates = (review.lead_still, first, review.film.lead_still)
        return next((photo for photo in candidates if _shown(photo)), None)

    def is_cached(self, review: Review) -> bool:
        return self.cache_name in review.__dict__

    @staticmethod
    def _first_still_ids(reviews: list[Review]) -> dict[int, int | None]:
        """Each review's first shown body still id: annotated, else read in one query."""
        first = {review.pk: getattr(review, "first_still_id", None) for review in reviews}
        unannotated = [review.pk for review in reviews if not hasattr(review, "first_still_id")]
        if unannotated:
            placed = _shown_placements().filter(review__in=unannotated)
            ordered = placed.order_by("review_id", "after_paragraph", "order", "id")
            for review_id, photo_id in ordered.values_list("review_id", "photo_id"):
                first[review_id] = first[review_id] or photo_id
        return first

    def get_prefetch_querysets(self, reviews: list[Review], querysets=None) -> tuple:
        """The picture of each of ``reviews``; only the first body stills of those without
        a lead of their own are read (in one query), the other pictures came with them."""
        first_ids = self._first_still_ids([r for r in reviews if not _shown(r.lead_still)])
        wanted = {pk for pk in first_ids.values() if pk is not None}
        stills = querysets[0] if querysets else Photo.objects.all()
        fetched = {photo.pk: photo for photo in stills.filter(pk__in=wanted)} if wanted else {}
        chosen = {r.pk: self._choose(r, fetched.get(first_ids.get(r.pk))) for r in reviews}
        photos = {photo.pk: photo for photo in chosen.values() if photo is not None}
        return (
            list(photos.values()),
            lambda photo: photo.pk,
            lambda review: chosen[review.pk].pk if chosen[review.pk] else None,
            True,
            self.cache_name,
            True,
        )


class ReviewQuerySet(models.QuerySet):
    def published(self) -> ReviewQuerySet:
        """What readers may see: published or scheduled, and due (publication time now or past).

        A scheduled review appears at its time with no job to run: the filter compares with now.
        """
        return self.filter(status__in=LIVE_STATUSES, published_at__lte=timezone.now())

    def latest_first(self) -> ReviewQuerySet:
        return self.order_by("-published_at", "-id")

    def with_first_still(self) -> ReviewQuerySet:
        """Each review with ``first_still_id``: its first body still that may be shown (the
        lead photo when it names none), read in the review's own query."""
        first = (
            _shown_placements()
            .filter(review=OuterRef("pk"))
            .order_by("after_paragraph", "order", "id")
        )
        return self.annotate(first_still_id=Subquery(first.values("photo_id")[:1]))

    def for_listing(self) -> ReviewQuerySet:
        """Everything a listing card shows: film, critic and lead stills in the same query,
        the first body stills of reviews without a lead in one more, and the pictures'
        renditions in one more, however many cards (stills are drawn from their
        renditions, reviews/stills/pictures.py)."""
        return self.with_first_still().select_related(*CARD_JOINS).prefetch_related(*CARD_PICTURE)

    def for_feed(self) -> ReviewQuerySet:
        """Everything a feed entry carries. No renditions: an enclosure is the original."""
        return (
            self.with_first_still()
            .select_related(*CARD_JOINS)
            .prefetch_related("film__genres", "corrections", "listing_photo")
        )

    def for_page_header(self) -> ReviewQuerySet:
        """The review's own row with its film, critic, lead stills and trailer poster, in one
        query: what its page needs before its parts (reviews/public/review_page.py), which
        it fetches only when they are not in the fragment cache."""
        return self.select_related(*CARD_JOINS, "film__trailer_poster")

    def under_embargo(self, now: datetime.datetime | None = None) -> ReviewQuerySet:
        """Reviews whose embargo has not yet ended."""
        return self.filter(embargo_until__gt=now or timezone.now())

    def by_critic(self, critic: Critic) -> ReviewQuerySet:
        return self.filter(critic=critic)

    def of_films(self, films: models.QuerySet[Film]) -> ReviewQuerySet:
        """Reviews of ``films``, found from the films (their ids first, then the reviews by
        film), however deep in the listing their reviews sit (``AmongIds``)."""
        return self.filter(AmongIds("film_id", films.values("pk")))

    def of_films_with(self, person: Person) -> ReviewQuerySet:
        """Reviews of the films ``person`` has a credit on, each once however many credits
        (their films' ids first, as ``of_films``, not a join that would repeat a review per
        credit)."""
        from reviews.models.credits import Credit

        return self.filter(
            AmongIds("film_id", Credit.objects.filter(person=person).values("film_id"))
        )

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
        help_text="0 to 4 stars in halves; leave empty and tick “Not rated” for a review "
        "without stars.",
    )
    not_rated = models.BooleanField(
        "not rated",
        default=False,
        help_text="The review gives no stars, on purpose (publication needs stars or this).",
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
        help_text="Used on listings, feeds and social cards, and shown above the review (not "
        "again in its body). Defaults to the first still in the body, else the film's lead "
        "still.",
    )
    stills = models.ManyToManyField(
        "reviews.Photo", through="reviews.ReviewStill", related_name="reviews", blank=True
    )
    embargo_until = models.DateTimeField(
        "embargo until",
        null=True,
        blank=True,
        help_text="The studio's embargo: the review can be neither published nor scheduled "
        "before it, and nothing of it (its stills included) is public until then.",
    )
    embargo_note = models.CharField(
        "embargo terms",
        max_length=300,
        blank=True,
        help_text="The studio's terms, e.g. No reviews before the festival premiere.",
    )
    pull_quote = models.CharField(
        max_length=PULL_QUOTE_MAX_LENGTH,
        blank=True,
        help_text="A sentence copied exactly from the body, for listings and aggregators "
        "(at most 200 characters).",
    )
    critics_pick = models.BooleanField(
        "critic's pick",
        default=False,
        help_text="Marks the review as a critic's pick on its page, listings and the home page.",
    )
    pinned = models.BooleanField(
        "pinned as the home page's lead",
        default=False,
        help_text="Leads the home page while it is published; only one review at a time. "
        "Otherwise the newest review with a picture leads.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; guards against lost edits."
    )

    objects = ReviewQuerySet.as_manager()
    listing_photo = ListingPhoto()

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
                condition=Q(rating__isnull=True) | Q(not_rated=False),
                name="review_rated_or_not_rated",
                violation_error_message="A review has stars or is “not rated”, not both.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=LIVE_STATUSES) | Q(published_at__isnull=False),
                name="review_live_has_time",
                violation_error_message="A published or scheduled review needs a publication time.",
            ),
            # What makes an embargo hold everywhere: a live review is never dated before it,
            # so Review.objects.published() (publication time now or past) excludes it.
            models.CheckConstraint(
                condition=~Q(status__in=LIVE_STATUSES)
                | Q(embargo_until__isnull=True)
                | Q(published_at__gte=models.F("embargo_until")),
                name="review_live_after_embargo",
                violation_error_message="A published or scheduled review cannot be dated "
                "before its embargo.",
            ),
            models.UniqueConstraint(
                fields=["pinned"],
                condition=Q(pinned=True),
                name="review_one_pinned_lead",
                violation_error_message="Another review is already pinned as the home page's "
                "lead: unpin it first, or use the list's action “Pin as the home page's lead”.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="review_listing_idx"),
            # The admin's list of every review, newest first (drafts, without a time, first).
            models.Index(fields=["-published_at", "-id"], name="review_newest_idx"),
            # Every public listing: live reviews newest first, read in index order and
            # stopped at the page, and counted from the index alone; with the film and the
            # critic, so the home page's counts by genre and critic read the index too.
            models.Index(
                fields=["-published_at", "-id", "film", "critic"],
                condition=Q(status__in=LIVE_STATUSES),
                name="review_live_idx",
            ),
            models.Index(fields=["critic", "status", "-published_at"], name="review_critic_idx"),
            # The home page's pin and critics' picks, newest first: a few hundred among
            # 100,000, found without reading the table (reviews/public/front.py).
            models.Index(
                fields=["-pinned", "-published_at", "-id"],
                condition=Q(pinned=True) | Q(critics_pick=True),
                name="review_featured_idx",
            ),
            models.Index(
                fields=["embargo_until"],
                condition=Q(embargo_until__isnull=False),
                name="review_embargo_idx",
            ),
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

    def clean(self) -> None:
        """A pull quote must be an exact excerpt of the body's text."""
        super().clean()
        quote = _quote_text(self.pull_quote)
        if self.pull_quote and quote not in body_text(sanitize_html(self.body)):
            raise ValidationError(
                {"pull_quote": "The pull quote must be copied exactly from the body's text "
                 "(its words and punctuation, in order); this one is not in the body."}
            )  # fmt: skip

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
    def is_under_embargo(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def pull_quote_text(self) -> str:
        """The pull quote as printed, without the quotation marks the page adds."""
        return _quote_text(self.pull_quote)

    @property
    def last_corrected_at(self) -> datetime.datetime | None:
        """Time of the latest due correction (uses prefetched corrections when present)."""
        return max((c.published_at for c in self.due_corrections), default=None)

    @property
    def due_corrections(self) -> list[Correction]:
        """The corrections readers see: those whose date has come (prefetched ones are used)."""
        return [c for c in self.corrections.all() if c.is_due]

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


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"


class CorrectionQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime | None = None) -> CorrectionQuerySet:
        """Corrections whose date has come: one stored ahead (by an import, say) waits."""
        return self.filter(published_at__lte=now or timezone.now())

    def public(self) -> CorrectionQuerySet:
        """What readers see: due corrections of reviews readers may see, newest first."""
        return (
            self.due()
            .filter(review__in=Review.objects.published())
            .select_related("review", "review__film")
            .order_by("-published_at", "-id")
        )


class Correction(models.Model):
    """A dated correction or clarification appended to a published review, as printed."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        max_length=20,
        choices=CorrectionKind.choices,
        default=CorrectionKind.CORRECTION,
        help_text="A correction fixes an error of fact; a clarification adds what was unclear.",
    )
    text = models.TextField(help_text="As printed, e.g. An earlier version misspelled ...")
    published_at = models.DateTimeField(
        "date",
        default=timezone.now,
        help_text="When the correction ran; never in the future.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            )
        ]
        indexes = [models.Index(fields=["-published_at", "-id"], name="correction_newest_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.review}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return f"{self.review.get_absolute_url()}#corrections"

    def clean(self) -> None:
        if self.published_at and self.published_at > timezone.now():
            raise ValidationError(
                {"published_at": "A correction cannot be dated in the future."}, code="future"
            )

    @property
    def is_due(self) -> bool:
        """Mirror of ``Correction.objects.due()`` for one correction."""
        return self.published_at <= timezone.now()
