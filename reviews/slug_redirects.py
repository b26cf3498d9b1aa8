"""Old addresses of films and people keep working after their slug changes.

Readers, search engines and other sites link to a film's or a person's page; when an editor
corrects the slug, the old address answers with a permanent redirect to the new one (as a
review's does, see ``reviews.workflow.record_slug_change``).
"""

from django.contrib import admin
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest

from reviews.models import SlugRedirect


def remember_old_slug(kind: str, obj: Model, old_slug: str) -> None:
    """Keep ``old_slug`` leading to ``obj`` after its slug changed."""
    if not old_slug or old_slug == obj.slug:
        return
    with transaction.atomic():
        # Taking back an old slug makes that address live again: it no longer redirects.
        SlugRedirect.objects.filter(kind=kind, old_slug=obj.slug).delete()
        SlugRedirect.objects.update_or_create(
            kind=kind, old_slug=old_slug, defaults={"target_id": obj.pk}
        )


class KeepOldSlugAdminMixin(admin.ModelAdmin):
    """An admin whose saves (including restored revisions) keep the old address working."""

    slug_redirect_kind: str

    def save_model(self, request: HttpRequest, obj: Model, form, change: bool) -> None:
        old_slug = None
        if change:
            stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("slug", flat=True)
            old_slug = stored.first()
        super().save_model(request, obj, form, change)
        if old_slug:
            remember_old_slug(self.slug_redirect_kind, obj, old_slug)
