"""The newsroom's data: one module per concept."""

from reviews.models.content import ContentVersion
from reviews.models.credits import Credit, CreditRole
from reviews.models.critics import Critic
from reviews.models.desk import ReviewDraft, ReviewPresence, StaffProfile
from reviews.models.films import Film, Genre, MPAARating
from reviews.models.people import Person
from reviews.models.photos import Photo
from reviews.models.redirects import SlugRedirect
from reviews.models.renditions import Rendition
from reviews.models.reviews import Correction, Review, ReviewStatus, ReviewStill
from reviews.models.workflow import DeletionRecord, PreviewLink, Transition

__all__ = [
    "ContentVersion",
    "Correction",
    "DeletionRecord",
    "Credit",
    "CreditRole",
    "Critic",
    "Film",
    "Genre",
    "MPAARating",
    "Person",
    "Photo",
    "PreviewLink",
    "Rendition",
    "Review",
    "ReviewDraft",
    "ReviewPresence",
    "ReviewStatus",
    "ReviewStill",
    "SlugRedirect",
    "StaffProfile",
    "Transition",
]
