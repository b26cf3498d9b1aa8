"""The admin's "View on site" links, without telling anyone what they may not open.

Django's ``admin:view_on_site`` view (``contenttypes.views.shortcut``) redirects any staff
member to any object's public address: for a review, that gives away the slug (made from
the headline) of every draft, other critics' included. Here a review, or a correction of
one, is looked up through the review admin, so only reviews the user may open are found,
and one that is not live leads to its staff preview instead of a "not found" page.
Everything else the shortcut serves (films, people, critics, genres, credits) is public.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from reviews.models import Correction, Review, SlugRedirect


def review_site_url(review: Review) -> str:
    """Where staff see ``review`` as readers will: its page once live, its preview before."""
    if review.is_published:
        return review.get_absolute_url()
    return reverse("reviews:review-preview", args=[review.pk])


def int_or_none(value: object) -> int | None:
    """An id from the address as a number, or None when it is not one (a 404, not a 500)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def view_on_site(request: HttpRequest, content_type_id: str, object_id: str) -> HttpResponse:
    content_type = ContentType.objects.filter(pk=int_or_none(content_type_id)).first()
    model = content_type.model_class() if content_type else None
    if model not in (Review, Correction):
        return shortcut(request, content_type_id, object_id)
    review_id = int_or_none(object_id)
    if model is Correction:
        review_id = (
            Correction.objects.filter(pk=review_id).values_list("review_id", flat=True).first()
        )
    review_admin = admin.site.get_model_admin(Review)
    review = review_admin.get_object(request, str(review_id)) if review_id else None
    if review is None or not review_admin.has_view_or_change_permission(request, review):
        raise Http404("No such review, or not one you may open.")
    anchor = "#corrections" if model is Correction else ""
    return HttpResponseRedirect(review_site_url(review) + anchor)


class KeepOldSlugAdminMixin(admin.ModelAdmin):
    """An admin whose saves (including restored revisions) keep the old address working."""

    def save_model(self, request: HttpRequest, obj: Model, form, change: bool) -> None:
        old_slug = None
        if change:
            stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("slug", flat=True)
            old_slug = stored.first()
        super().save_model(request, obj, form, change)
        if old_slug:
            SlugRedirect.objects.remember(obj, old_slug)
