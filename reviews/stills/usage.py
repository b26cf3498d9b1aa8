"""Where a still is used: placed in reviews' bodies, leading reviews, leading films.

Staff see every use, published or not (a still leading a draft is as much in use as one on
the front page); ``Photo.objects.unused()`` is the library's filter for the rest.
"""

from django.db.models import QuerySet

from reviews.models import Film, Photo, Review, ReviewStill


def uses_of(photo: Photo) -> dict[str, QuerySet]:
    """The still's uses by kind, as the template ``staff/includes/still_usage.html`` lists them."""
    return {
        "placements": ReviewStill.objects.filter(photo=photo)
        .select_related("review")
        .order_by("review__headline"),
        "lead_of_reviews": Review.objects.filter(lead_still=photo).order_by("headline"),
        "lead_of_films": Film.objects.filter(lead_still=photo).order_by("title"),
    }
