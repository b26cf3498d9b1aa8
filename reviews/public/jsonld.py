"""schema.org structured data for review and film pages."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from reviews.models import Correction, Credit, CreditRole, Film, Photo, Review


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


def _present(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def image_object(photo: Photo, request: HttpRequest) -> dict[str, Any]:
    """A still as a schema.org ImageObject with the licensing search engines show: who to
    credit, who made it, the copyright notice, the licence and where to license it."""
    creators = [name.strip() for name in photo.creator.split(";") if name.strip()]
    holder = photo.rights_holder
    return _present(
        {
            "@type": "ImageObject",
            "contentUrl": request.build_absolute_uri(photo.image.url),
            "width": photo.width,
            "height": photo.height,
            "caption": photo.caption,
            "creditText": photo.credit_line,
            "creator": [{"@type": "Person", "name": name} for name in creators],
            "copyrightNotice": photo.copyright_notice,
            "copyrightHolder": {"@type": "Organization", "name": holder} if holder else None,
            "license": photo.licence_url,
            "acquireLicensePage": photo.acquire_licence_url,
        }
    )


def review_images(review: Review, request: HttpRequest) -> list[dict[str, Any]]:
    """The review's stills as the page shows them: the listing photo first, then those of
    the body (already fetched with the page, and only those whose rights allow it)."""
    photos = [review.listing_photo] + [placement.photo for placement in review.placements.all()]
    seen: set[int] = set()
    images = []
    for photo in photos:
        if photo is not None and photo.pk not in seen:
            seen.add(photo.pk)
            images.append(image_object(photo, request))
    return images


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


def normalised_rating(stars: Decimal) -> int:
    """Stars out of 4 on a 0–100 scale, as aggregators compare them: 3½ stars -> 88 (halves
    rounded up)."""
    return int((stars * 25).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def review_rating(review: Review) -> dict[str, str]:
    """A schema.org Rating on the printed scale (0 to 4, which search engines read), with
    the 0–100 value in ``ratingExplanation``: Rating has no property for a second scale, and
    ratingExplanation is the Rating's own text property for what led to it, so the value is
    given there first, in a fixed form ("88/100; 3½ stars out of 4")."""
    stars = review.rating
    return {
        "@type": "Rating",
        "ratingValue": str(stars.normalize()),
        "bestRating": "4",
        "worstRating": "0",
        "ratingExplanation": f"{normalised_rating(stars)}/100; {review.stars_text}",
    }


def correction_comment(correction: Correction) -> dict[str, str]:
    """A schema.org CorrectionComment; its ``name`` says whether it corrects or clarifies."""
    return {
        "@type": "CorrectionComment",
        "name": correction.get_kind_display(),
        "text": correction.text,
        "datePublished": correction.published_at.isoformat(),
    }


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
        # The byline's full name, as printed ("Tomás Okafor").
        "author": {
            "@type": "Person",
            "name": review.critic.name,
            "url": request.build_absolute_uri(review.critic.get_absolute_url()),
        },
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        # A preview of a draft has no publication time yet.
        "datePublished": review.published_at.isoformat() if review.published_at else None,
        "dateModified": review.modified_at.isoformat() if review.modified_at else None,
        "image": review_images(review, request) or None,
        "correction": [correction_comment(c) for c in review.due_corrections] or None,
    }
    if review.rating is not None:
        data["reviewRating"] = review_rating(review)
    return {key: value for key, value in data.items() if value is not None}


def film_data(
    film: Film, credits: list[Credit], request: HttpRequest, image: Photo | None = None
) -> dict[str, Any]:
    return {"@context": "https://schema.org", **movie(film, credits, request, image=image)}
