"""The test settings' N+1 detector is on for readers' pages and catches a query per row."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from zeal.errors import NPlusOneError

from reviews.models import Review
from tests import factories

pytestmark = pytest.mark.django_db


def critics_one_query_each(request):
    names = [review.critic.name for review in Review.objects.all()]
    return HttpResponse(", ".join(names))


def critics_joined(request):
    names = [review.critic.name for review in Review.objects.select_related("critic")]
    return HttpResponse(", ".join(names))


urlpatterns = [
    path("n-plus-one/", critics_one_query_each),
    path("joined/", critics_joined),
]


@override_settings(ROOT_URLCONF=__name__)
def test_a_public_page_loading_a_related_row_per_review_fails_its_test(client):
    factories.ReviewFactory.create_batch(3)
    with pytest.raises(NPlusOneError):
        client.get("/n-plus-one/")
    assert client.get("/joined/").status_code == 200
