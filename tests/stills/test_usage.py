"""Where a still is used, for staff: listed on its desk and admin pages, and the library's
"unused" filter for the stills no review or film uses."""

import pytest
from django.urls import reverse

from reviews.models import Photo
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def uses():
    """One still per kind of use, and one used nowhere."""
    placed = factories.ReviewStillFactory(review__headline="Sung in Traffic").photo
    leads_review = factories.PhotoFactory(caption="Leads a draft.")
    factories.ReviewFactory(headline="A Draft", lead_still=leads_review)  # unpublished: still a use
    leads_film = factories.PhotoFactory(caption="Leads a film.")
    factories.FilmFactory(title="Whiplash", lead_still=leads_film)
    idle = factories.PhotoFactory(caption="Used nowhere.")
    return {"placed": placed, "leads_review": leads_review, "leads_film": leads_film, "idle": idle}


def test_unused_and_in_use_split_the_library(uses):
    assert set(Photo.objects.unused()) == {uses["idle"]}
    assert set(Photo.objects.in_use()) == {uses["placed"], uses["leads_review"], uses["leads_film"]}


def test_the_desk_library_filters_unused_stills(client, photo_desk, uses):
    client.force_login(photo_desk)
    library = reverse("desk:library")
    unused = client.get(library, {"use": "unused"}).context["stills"]
    assert [p.caption for p in unused] == ["Used nowhere."]
    assert len(client.get(library, {"use": "used"}).context["stills"]) == 3
    assert 'name="use"' in client.get(library).content.decode()


def test_the_admin_lists_uses_and_filters_unused_stills(client, editor, uses):
    client.force_login(editor)
    changelist = reverse("admin:reviews_photo_changelist")
    unused = client.get(changelist, {"use": "unused"})
    assert list(unused.context["cl"].result_list) == [uses["idle"]]

    page = client.get(reverse("admin:reviews_photo_change", args=[uses["leads_review"].pk]))
    text = page.content.decode()
    assert "Where it is used" in text
    assert "Lead photo of the review" in text and "A Draft" in text and "(Draft)" in text
    idle = client.get(reverse("admin:reviews_photo_change", args=[uses["idle"].pk]))
    assert "Not used anywhere yet." in idle.content.decode()
