"""Preview links: a signed, expiring address that shows a review before it is live."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from reviews.editorial.workflow import WorkflowError
from reviews.models import PreviewLink, Review

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


PREVIEW_SALT = "reviews.preview-link"


PREVIEW_DAYS = (1, 3, 7, 14)


def create_preview_link(review: Review, user: User, days: int = 3) -> PreviewLink:
    if not user.has_perm("reviews.add_previewlink"):
        raise PermissionDenied("Only an Editor may share a preview link.")
    if days not in PREVIEW_DAYS:
        raise WorkflowError(
            f"A preview link lasts {', '.join(map(str, PREVIEW_DAYS))} days, not {days}.",
            code="days",
        )
    return PreviewLink.objects.create(
        review=review, created_by=user, expires_at=timezone.now() + datetime.timedelta(days=days)
    )


def revoke_preview_link(link: PreviewLink, user: User) -> None:
    if not user.has_perm("reviews.change_previewlink"):
        raise PermissionDenied("Only an Editor may revoke a preview link.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def preview_token(link: PreviewLink) -> str:
    """A signed token naming the link and its review; the row decides expiry and revocation."""
    return signing.Signer(salt=PREVIEW_SALT).sign_object({"l": link.pk, "r": link.review_id})


def active_link_for_token(token: str) -> PreviewLink | None:
    """The active preview link ``token`` names, or None if forged, expired or revoked."""
    try:
        data = signing.Signer(salt=PREVIEW_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    return PreviewLink.objects.active().filter(pk=data.get("l"), review_id=data.get("r")).first()
