"""An embargo is a constraint on the workflow's moves, held by the database too, carried to
the review's stills, and shown on the desk's lists."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import embargo, workflow
from reviews.models import Photo, Review, ReviewStatus, ReviewStill
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import review_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def until():
    return (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)


@pytest.fixture
def under_embargo(until):
    return review_in(
        ReviewStatus.IN_REVIEW, embargo_until=until, embargo_note="Not before the premiere"
    )


def test_publish_before_the_embargo_is_refused_naming_it(under_embargo, editor):
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.apply_action(under_embargo, "publish", editor)
    message = " ".join(refused.value.messages)
    assert "under embargo until" in message
    assert "Not before the premiere" in message
    under_embargo.refresh_from_db()
    assert under_embargo.status == ReviewStatus.IN_REVIEW


def test_a_schedule_before_the_embargo_is_refused_naming_it(under_embargo, editor, until):
    with pytest.raises(workflow.WorkflowError, match="before the embargo") as refused:
        workflow.apply_action(
            under_embargo, "schedule", editor, when=until - datetime.timedelta(hours=1)
        )
    assert "Not before the premiere" in " ".join(refused.value.messages)
    assert Review.objects.get(pk=under_embargo.pk).status == ReviewStatus.IN_REVIEW


def test_a_schedule_at_the_embargo_s_end_is_accepted(under_embargo, editor, until):
    workflow.apply_action(under_embargo, "schedule", editor, when=until)
    under_embargo.refresh_from_db()
    assert under_embargo.status == ReviewStatus.SCHEDULED
    assert under_embargo.published_at == until
    assert not under_embargo.is_published


def test_publish_after_the_embargo_is_dated_now_not_before_it(editor):
    ended = timezone.now() - datetime.timedelta(minutes=5)
    review = review_in(ReviewStatus.UNPUBLISHED, embargo_until=ended)
    Review.objects.filter(pk=review.pk).update(published_at=ended - datetime.timedelta(days=1))
    review.refresh_from_db()
    workflow.apply_action(review, "publish", editor)
    review.refresh_from_db()
    assert review.is_published
    assert review.published_at >= ended


def test_the_database_refuses_a_live_review_dated_before_its_embargo(until):
    with pytest.raises(IntegrityError), transaction.atomic():
        review_in(ReviewStatus.SCHEDULED, embargo_until=until + datetime.timedelta(days=1))


def test_the_review_s_embargo_is_carried_to_its_stills_and_follows_it(until):
    review = review_in(ReviewStatus.DRAFT, embargo_until=until, embargo_note="Terms")
    placed = factories.PhotoFactory()
    lead = factories.PhotoFactory()
    own_later = factories.PhotoFactory(embargo_until=until + datetime.timedelta(days=9))
    unrelated = factories.PhotoFactory()
    for photo in (placed, own_later):
        ReviewStill.objects.create(review=review, photo=photo)
    review.lead_still = lead
    review.save()

    assert embargo.extend_to_stills(review) == 2

    def embargo_of(photo):
        return Photo.objects.get(pk=photo.pk).embargo_until

    assert embargo_of(placed) == embargo_of(lead) == until
    assert Photo.objects.get(pk=lead.pk).embargo_note == "Terms"
    assert embargo_of(own_later) == until + datetime.timedelta(days=9)
    assert embargo_of(unrelated) is None

    sooner = until - datetime.timedelta(days=1)
    review.embargo_until = sooner
    review.save()
    embargo.extend_to_stills(review, previous=until)
    assert embargo_of(placed) == sooner

    review.embargo_until = None
    review.save()
    embargo.extend_to_stills(review, previous=sooner)
    assert embargo_of(placed) is None and embargo_of(lead) is None
    assert embargo_of(own_later) is not None


def _typed(moment: datetime.datetime) -> dict:
    local = timezone.localtime(moment)
    return {"embargo_until_0": f"{local:%Y-%m-%d}", "embargo_until_1": f"{local:%H:%M:%S}"}


def test_saving_the_review_in_the_admin_sets_its_embargo_on_its_stills(client, editor, until):
    review = review_in(ReviewStatus.DRAFT)
    photo = factories.PhotoFactory()
    ReviewStill.objects.create(review=review, photo=photo)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    client.force_login(editor)
    data = form_data(client.get(url)) | _typed(until) | {"embargo_note": "Premiere"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    photo.refresh_from_db()
    assert photo.embargo_until == until
    assert photo.embargo_note == "Premiere"


def test_an_embargo_after_a_scheduled_time_is_refused_with_a_message(client, editor, until):
    review = review_in(ReviewStatus.SCHEDULED)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    client.force_login(editor)
    data = form_data(client.get(url)) | _typed(review.published_at + datetime.timedelta(days=3))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "before this embargo" in response.content.decode()
    assert Review.objects.get(pk=review.pk).embargo_until is None


def test_the_desk_sees_the_embargo_on_its_lists(client, editor, under_embargo, until):
    photo = factories.PhotoFactory(embargo_until=until, embargo_note="Studio terms")
    client.force_login(editor)
    reviews = client.get(reverse("admin:reviews_review_changelist")).content.decode()
    assert "until " in reviews and f"{timezone.localtime(until):%Y}" in reviews
    only = client.get(reverse("admin:reviews_review_changelist") + "?embargo=yes")
    assert list(only.context["cl"].result_list) == [under_embargo]
    stills = client.get(reverse("admin:reviews_photo_changelist") + "?embargo=yes")
    assert list(stills.context["cl"].result_list) == [photo]
    library = client.get(reverse("desk:library")).content.decode()
    assert "Embargo until" in library and "Studio terms" in library


def test_the_desk_s_still_page_says_the_still_is_under_embargo(client, photo_desk, until):
    photo = factories.PhotoFactory(embargo_until=until, embargo_note="Studio terms")
    client.force_login(photo_desk)
    page = client.get(reverse("desk:still-edit", args=[photo.pk])).content.decode()
    assert "Under embargo until" in page and "Studio terms" in page
    assert 'name="embargo_until"' in page
