from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from reviews.addresses import slug_url
from reviews.models.versioning import Versioned

if TYPE_CHECKING:
    from reviews.models.photos import Photo

#: The years a film may carry (the database holds to them: film_year_plausible).
YEAR_RANGE = (1870, 2200)


class MPAARating(models.TextChoices):
    G = "G", "G"
    PG = "PG", "PG"
    PG_13 = "PG-13", "PG-13"
    R = "R", "R"
    NC_17 = "NC-17", "NC-17"
    NOT_RATED = "NR", "Not Rated"


class Genre(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("reviews:genre-detail", self.slug)


class Film(Versioned):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    external_id = models.CharField(
        max_length=64,
        blank=True,
        help_text="An id in another database, e.g. an IMDb id like tt3783958.",
    )
    release_date = models.DateField(
        null=True, blank=True, help_text="First release in the United States."
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Filled from the release date when left empty."
    )
    mpaa_rating = models.CharField(
        "MPAA rating", max_length=5, choices=MPAARating.choices, blank=True
    )
    running_time = models.PositiveSmallIntegerField(
        "running time", null=True, blank=True, help_text="In minutes, e.g. 128."
    )
    content_advisory = models.CharField(
        max_length=200, blank=True, help_text="As printed, e.g. Contains some obscenity."
    )
    where_playing = models.CharField(
        max_length=200, blank=True, help_text="As printed, e.g. At area theaters."
    )
    language = models.CharField(
        max_length=120, blank=True, help_text="As printed, e.g. In French with English subtitles."
    )
    distributor = models.CharField(max_length=120, blank=True, help_text="E.g. Lionsgate.")
    genres = models.ManyToManyField(Genre, related_name="films", blank=True)
    synopsis = models.TextField(blank=True)
    trailer_url = models.URLField(
        blank=True, help_text="The trailer's page, e.g. a YouTube or Vimeo address."
    )
    trailer_caption = models.CharField(
        max_length=300, blank=True, help_text="Shown under the trailer."
    )
    trailer_credit = models.CharField(
        max_length=200, blank=True, help_text="As printed under the trailer, e.g. Lionsgate."
    )
    lead_still = models.ForeignKey(
        "reviews.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Shown on the film page and when no review picks its own photo.",
    )
    trailer_poster = models.ForeignKey(
        "reviews.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The still shown on the trailer until a reader plays it; "
        "the film's lead still when left empty.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(running_time__isnull=True) | Q(running_time__gt=0),
                name="film_running_time_positive",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True)
                | Q(year__gte=YEAR_RANGE[0], year__lte=YEAR_RANGE[1]),
                name="film_year_plausible",
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="film_external_id_unique",
                violation_error_message="Another film already has this external id.",
            ),
            models.CheckConstraint(
                condition=Q(mpaa_rating__in=["", *MPAARating.values]),
                name="film_mpaa_rating_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["year"], name="film_year_idx"),
            models.Index(fields=["release_date"], name="film_release_idx"),
            # The archive's MPAA filter: the films of a rating, read from the index alone
            # (with their ids) to find a page of their reviews' ids.
            models.Index(fields=["mpaa_rating", "id"], name="film_mpaa_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def save(self, *args, **kwargs) -> None:
        if self.year is None and self.release_date is not None:
            self.year = self.release_date.year
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("reviews:film-detail", self.slug)

    def clean(self) -> None:
        """Judge the year ``save`` will fill from the release date now, on the field that
        gave it: left to the database, a release date in 1850 failed as a 500."""
        super().clean()
        low, high = YEAR_RANGE
        if self.year is not None and not low <= self.year <= high:
            raise ValidationError({"year": f"The year must be between {low} and {high}."})
        if self.year is None and self.release_date is not None:
            if not low <= self.release_date.year <= high:
                raise ValidationError(
                    {
                        "release_date": f"The release date must fall between {low} and "
                        f"{high} (the year is taken from it); this one is in "
                        f"{self.release_date.year}."
                    }
                )

    @property
    def running_time_display(self) -> str:
        """The running time as a newspaper prints it: "128 minutes"."""
        if not self.running_time:
            return ""
        unit = "minute" if self.running_time == 1 else "minutes"
        return f"{self.running_time} {unit}"

    @property
    def trailer_poster_still(self) -> "Photo | None":
        """The trailer's poster frame: the chosen still, else the film's lead still, if its
        rights allow it (our own picture: nothing comes from the video site before a click)."""
        for photo in (self.trailer_poster, self.lead_still):
            if photo is not None and photo.is_public:
                return photo
        return None
