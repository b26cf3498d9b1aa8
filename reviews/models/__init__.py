"""The newsroom's data: one module per concept."""

from reviews.models.credits import Credit, CreditRole
from reviews.models.critics import Critic
from reviews.models.films import Film, Genre, MPAARating
from reviews.models.people import Person
from reviews.models.photos import Photo
from reviews.models.reviews import Correction, Review, ReviewStill

__all__ = [
    "Correction",
    "Credit",
    "CreditRole",
    "Critic",
    "Film",
    "Genre",
    "MPAARating",
    "Person",
    "Photo",
    "Review",
    "ReviewStill",
]
