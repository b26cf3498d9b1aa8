"""Previews of a review in any state, rendered by the readers' page itself.

Staff open ``/preview/reviews/<pk>/`` (critics only their own reviews); someone without an
account opens a signed preview link an Editor shared, until it expires or is revoked. Both
are read only, never cached and never indexed.
"""

from django.contrib.auth.mixins import AccessMixin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from reviews.editorial import previews
from reviews.models import Review
from reviews.public.views import ReviewPageView

NOINDEX = "noindex, nofollow, noarchive"


class PreviewMixin:
    """Read only and never indexed. Built on ReviewPageView, not on the public page, so a
    preview never redirects to a public address: it is looked up by its own key."""

    template_name = "reviews/review_preview.html"
    show_embargoed_stills = True

    def render_to_response(self, context, **response_kwargs) -> HttpResponse:
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = NOINDEX
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["robots"] = NOINDEX
        return context


@method_decorator([never_cache, require_safe], name="dispatch")
class StaffReviewPreviewView(AccessMixin, PreviewMixin, ReviewPageView):
    """Any review, in any state, for the staff who may open it in the admin."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_staff and user.has_perm("reviews.view_review")):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_login_url(self) -> str:
        return "admin:login"

    def get_reviews(self) -> QuerySet[Review]:
        return Review.objects.open_to(self.request.user)


@method_decorator([never_cache, require_safe], name="dispatch")
class SharedReviewPreviewView(PreviewMixin, ReviewPageView):
    """One review, for whoever holds an active signed preview link to it."""

    def get_reviews(self) -> QuerySet[Review]:
        link = previews.active_link_for_token(self.kwargs["token"])
        if link is None:
            raise Http404("This preview link is not valid: it may have expired or been revoked.")
        return Review.objects.filter(pk=link.review_id)

    def get_object(self, queryset=None) -> Review:
        queryset = self.get_queryset() if queryset is None else queryset
        review = queryset.first()
        if review is None:
            raise Http404("This preview link is not valid.")
        return review
