from django.db import models
from django.db.models import Q


class CreditRole(models.TextChoices):
    DIRECTOR = "director", "Director"
    SCREENWRITER = "screenwriter", "Screenwriter"
    PRODUCER = "producer", "Producer"
    COMPOSER = "composer", "Composer"
    EDITOR = "editor", "Editor"
    CINEMATOGRAPHER = "cinematographer", "Cinematographer"
    CAST = "cast", "Cast"
    OTHER = "other", "Other"

    def label_for(self, count: int) -> str:
        """The role as a heading over ``count`` people: "Producer", "Producers"; "Cast" and
        "Other" stay as they are."""
        if count == 1 or self in {CreditRole.CAST, CreditRole.OTHER}:
            return self.label
        return f"{self.label}s"


class Credit(models.Model):
    """One person's work on one film in one role (Emma Stone as Mia)."""

    film = models.ForeignKey("reviews.Film", on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey("reviews.Person", on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=20, choices=CreditRole.choices)
    character = models.CharField(
        max_length=200, blank=True, help_text="For cast only: the part played, e.g. Mia."
    )
    job = models.CharField(
        max_length=120,
        blank=True,
        help_text="For other roles, the job as credited, e.g. Production designer.",
    )
    billing = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the role: 1 is billed first."
    )

    class Meta:
        ordering = ["film", "role", "billing", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role", "character", "job"],
                name="credit_unique_per_film_role",
                violation_error_message="This person already has this credit on this film.",
            ),
            models.CheckConstraint(
                condition=Q(role=CreditRole.CAST) | Q(character=""),
                name="credit_character_only_for_cast",
                violation_error_message="Only cast credits name a character.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=CreditRole.values), name="credit_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["person", "role"], name="credit_person_role_idx")]

    def __str__(self) -> str:
        if self.role == CreditRole.CAST and self.character:
            return f"{self.person.name} as {self.character}"
        label = self.job if self.role == CreditRole.OTHER and self.job else self.get_role_display()
        return f"{self.person.name}, {label.lower()}"

    def get_absolute_url(self) -> str:
        return self.person.get_absolute_url()
