"""A refusal in the admin is a page in the admin's design that says what the role may do.

Django answers ``PermissionDenied`` with ``handler403``; for staff inside the admin this
view draws that page (the reason given, then what their role may do instead, with links),
and leaves every other 403 to Django's own view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import defaults

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Instead:
    """One thing the role may do, with where to do it."""

    text: str
    url: str


def role_names(user: User) -> list[str]:
    """The user's roles (groups), as the desk names them."""
    if user.is_superuser:
        return ["Administrator"]
    return list(user.groups.order_by("name").values_list("name", flat=True))


def what_you_may_do(user: User) -> list[Instead]:
    """What ``user`` may do in the admin, from their permissions, with links."""
    may = user.has_perm
    options = []
    if may("reviews.add_review"):
        mine = "" if may("reviews.edit_any_review") else " your own"
        options.append(Instead(f"Write and submit{mine} reviews",
                               reverse("admin:reviews_review_changelist")))  # fmt: skip
    if may("reviews.change_film"):
        options.append(Instead("Add and change films, their facts and credits",
                               reverse("admin:reviews_film_changelist")))  # fmt: skip
    elif may("reviews.add_film"):
        options.append(Instead("Add a film that is not in the system yet, with its credits "
                               "(an editor changes an existing film's facts)",
                               reverse("admin:reviews_film_add")))  # fmt: skip
    if may("reviews.change_person"):
        options.append(Instead("Add, change and merge people",
                               reverse("admin:reviews_person_changelist")))  # fmt: skip
    elif may("reviews.add_person"):
        options.append(Instead("Add a person who is not in the system yet "
                               "(an editor changes existing people)",
                               reverse("admin:reviews_person_add")))  # fmt: skip
    if may("reviews.add_photo"):
        options.append(Instead("Upload and caption stills on the photo desk",
                               reverse("desk:library")))  # fmt: skip
    return options


class RefusalReasonAdminMixin(admin.ModelAdmin):
    """A change posted by someone who may only view the object is refused with the reason
    (``refusal_reason``), which the refusal page shows above what the role may do."""

    refusal_reason = "Your role may view this but not change it."

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        if request.method == "POST" and object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and not self.has_change_permission(request, obj):
                raise PermissionDenied(self.refusal_reason)
        return super().changeform_view(request, object_id, form_url, extra_context)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler403``: staff in the admin get the admin's refusal page; others Django's."""
    user = getattr(request, "user", None)
    in_admin = request.path.startswith(f"/{settings.ADMIN_URL}")
    if not (in_admin and user is not None and user.is_active and user.is_staff):
        return defaults.permission_denied(request, exception)
    reason = str(exception or "").strip()
    context = {
        **admin.site.each_context(request),
        "title": "Not open to you",
        "reason": reason or "Your role may not open this page or make this change.",
        "roles": role_names(user),
        "options": what_you_may_do(user),
        "is_editor": user.has_perm("reviews.publish_review"),
    }
    return render(request, "admin/refused.html", context, status=403)
