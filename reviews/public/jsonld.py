"""schema.org structured data for review and film pages."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from reviews.models import Credit, CreditRole, Film, Photo, Review


def iso_duration(minutes: int | None) -> str | None:
    """128 -> "PT2H8M" (ISO 8601)."""
    if not minutes:
        return None
    hours, mins = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")


def _person(credit: Credit, request: HttpRequest) -> dict[str, str]:
    return {
        "@type": "Person",
        "name": credit.person.name,
        "url": request.build_absolute_uri(credit.person.get_absolute_url()),
    }


def movie(
    film: Film, credits: list[Credit], request: HttpRequest, image: Photo | None = None
) -> dict[str, Any]:
    """A schema.org Movie; ``credits`` are the film's credits, already fetched."""
    data: dict[str, Any] = {
        "@type": "Movie",
        "name": film.title,
        "url": request.build_absolute_uri(film.get_absolute_url()),
        "director": [_person(c, request) for c in credits if c.role == CreditRole.DIRECTOR],
        "actor": [_person(c, request) for c in credits if c.role == CreditRole.CAST],
        "dateCreated": film.release_date.isoformat() if film.release_date else None,
        "duration": iso_duration(film.running_time),
        "contentRating": film.get_mpaa_rating_display() if film.mpaa_rating else None,
        "genre": [genre.name for genre in film.genres.all()],
        "productionCompany": (
            {"@type": "Organization", "name": film.distributor} if film.distributor else None
        ),
        "image": request.build_absolute_uri(image.image.url) if image else None,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def review_data(review: Review, credits: list[Credit], request: HttpRequest) -> dict[str, Any]:
    photo = review.listing_photo
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": review.headline,
        "headline": review.headline,
        # Aggregators quote the pull quote, an exact excerpt of the text; else the dek.
        "description": review.pull_quote_text or review.dek or None,
        "url": request.build_absolute_uri(review.get_absolute_url()),
        "itemReviewed": movie(review.film, credits, request, image=photo),
        "author": {
            "@type": "Person",
            "name": review.critic.name,
            "url": request.build_absolute_uri(review.critic.get_absolute_url()),
        },
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        # A preview of a draft has no publication time yet.
        "datePublished": review.published_at.isoformat() if review.published_at else None,
        "dateModified": review.modified_at.isoformat() if review.modified_at else None,
        "image": request.build_absolute_uri(photo.image.url) if photo else None,
    }
    if review.rating is not None:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": str(review.rating.normalize()),
            "bestRating": "4",
            "worstRating": "0",
        }
    return {key: value for key, value in data.items() if value is not None}


def film_data(
    film: Film, credits: list[Credit], request: HttpRequest, image: Photo | None = None
) -> dict[str, Any]:
    return {"@context": "https://schema.org", **movie(film, credits, request, image=image)}
