"""Deleting a review leaves a record of what it said; a published one needs an Editor."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.db import transaction

from reviews.editorial.workflow import S, is_editor
from reviews.models import DeletionRecord, Review, SlugRedirect

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


def may_delete(user: User, review: Review) -> bool:
    """Drafts need the delete permission; a review readers may have seen needs an Editor."""
    if not user.has_perm("reviews.delete_review"):
        return False
    if review.status in (S.PUBLISHED, S.SCHEDULED, S.UNPUBLISHED):
        return is_editor(user)
    return True


def snapshot(review: Review) -> dict:
    """The review, its placed stills, corrections and transitions, as JSON-ready data."""
    objects = [review, *review.placements.all(), *review.corrections.all()]
    objects += list(review.transitions.all())
    return {"objects": json.loads(serializers.serialize("json", objects))}


def delete_review(review: Review, user: User) -> DeletionRecord:
    """Delete ``review`` and leave a record with a snapshot of what it said."""
    if not may_delete(user, review):
        raise PermissionDenied("Only an Editor may delete a review that has been published.")
    with transaction.atomic():
        record = DeletionRecord.objects.create(
            review_id=review.pk,
            headline=review.headline,
            slug=review.slug,
            status=review.status,
            snapshot=snapshot(review),
            deleted_by=user if user.is_authenticated else None,
        )
        SlugRedirect.objects.forget(review)
        review.delete()
    return record
