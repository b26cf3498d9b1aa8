"""What a revision keeps: a review with its stills and corrections, a film with its credits."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from tests import factories
from tests.admin_forms import form_data
from tests.helpers import review_change_url

pytestmark = pytest.mark.django_db


def test_every_admin_save_of_a_review_keeps_a_revision_with_author_and_time(client, editor):
    review = factories.ReviewFactory()
    client.force_login(editor)
    for headline in ["First", "Second"]:
        data = form_data(client.get(review_change_url(review))) | {"headline": headline}
        assert client.post(review_change_url(review), data).status_code == 302
    versions = list(Version.objects.get_for_object(review).select_related("revision__user"))
    assert [v.field_dict["headline"] for v in versions] == ["Second", "First"]
    assert all(v.revision.user == editor for v in versions)
    assert all(
        timezone.now() - v.revision.date_created < datetime.timedelta(minutes=1) for v in versions
    )


def test_every_admin_save_of_a_film_keeps_a_revision_with_its_credits(client, editor):
    film = factories.FilmFactory(title="Before")
    factories.CreditFactory(film=film, character="Mia")
    client.force_login(editor)
    url = reverse("admin:reviews_film_change", args=[film.pk])
    data = form_data(client.get(url)) | {"title": "After"}
    assert client.post(url, data).status_code == 302
    version = Version.objects.get_for_object(film).get()
    assert version.revision.user == editor
    assert version.field_dict["title"] == "After"
    assert "Mia" in " ".join(v.object_repr for v in version.revision.version_set.all())
