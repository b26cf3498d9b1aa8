"""E-mail notices of the desk's moves, through Django's mail settings.

A critic's submission reaches the Editors; an Editor's sending back, scheduling or
publishing reaches the review's critic. Each notice carries the message the mover wrote and
an absolute link to the review in the admin (``settings.SITE_URL``). Notices are sent once
the move's transaction commits (a move rolled back sends nothing), and a mail server that
fails is logged, never allowed to undo or break the move.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from reviews.models import Transition

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)

#: The moves that send a notice, and who receives it.
NOTIFIED = {
    "submit": "editors",
    "send_back": "critic",
    "schedule": "critic",
    "publish": "critic",
}

VERBS = {
    "submit": "submitted for review",
    "send_back": "sent back to draft",
    "schedule": "scheduled",
    "publish": "published",
}


def notify_on_commit(transition: Transition, action_name: str) -> None:
    """Send the move's notice, if it has one, once the transaction commits."""
    if action_name in NOTIFIED:
        transaction.on_commit(partial(send_notice, transition.pk, action_name))


def send_notice(transition_id: int, action_name: str) -> int:
    """Send the notice of one recorded move; how many e-mails went. Never raises: a mail
    server that refuses is logged (the move is made and stays made)."""
    try:
        messages = notices(transition_id, action_name)
        if not messages:
            return 0
        return get_connection().send_messages(messages) or 0
    except Exception:  # noqa: BLE001 - any backend's failure: SMTP, DNS, a timeout
        logger.warning("The notice of move %s could not be sent.", transition_id, exc_info=True)
        return 0


def editors(exclude_pk: int | None = None) -> QuerySet:
    """Active users who may publish (by group or by their own permission), with an address."""
    perm = Permission.objects.filter(codename="publish_review", content_type__app_label="reviews")
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    holders = users.filter(Q(groups__permissions__in=perm) | Q(user_permissions__in=perm))
    return holders.exclude(pk=exclude_pk).distinct().order_by("pk")


def notices(transition_id: int, action_name: str) -> list[EmailMessage]:
    """The e-mails of one move: one per recipient, so no one sees the others' addresses."""
    transition = (
        Transition.objects.select_related("by", "review__film", "review__critic__user")
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:  # the review was deleted since
        return []
    subject, body = _words(transition, action_name)
    return [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in _recipients(transition, action_name)
    ]


def _recipients(transition: Transition, action_name: str) -> list[str]:
    if NOTIFIED[action_name] == "editors":
        return list(editors(exclude_pk=transition.by_id).values_list("email", flat=True))
    critic_user = transition.review.critic.user
    if critic_user is None or not critic_user.is_active or not critic_user.email:
        return []
    if critic_user.pk == transition.by_id:
        return []
    return [critic_user.email]


def _words(transition: Transition, action_name: str) -> tuple[str, str]:
    review = transition.review
    who = _name(transition.by)
    verb = VERBS[action_name]
    if action_name == "schedule" and review.published_at:
        when = date_format(timezone.localtime(review.published_at), "j F Y, H:i T")
        verb = f"scheduled for {when}"
    link = settings.SITE_URL + reverse("admin:reviews_review_change", args=[review.pk])
    lines = [f"{who} {verb} “{review.headline}” ({review.film.title}, by {review.critic.name})."]
    if transition.message:
        lines += ["", f"{who} wrote:", transition.message]
    lines += ["", f"Open the review: {link}"]
    return f"[{settings.SITE_NAME}] {verb.capitalize()}: {review.headline}", "\n".join(lines)


def _name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()
