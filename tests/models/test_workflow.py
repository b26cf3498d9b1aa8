"""The workflow's records: transitions, preview links and deletion records."""

import datetime

import pytest
from django.utils import timezone

from reviews.editorial import workflow
from reviews.models import DeletionRecord, PreviewLink, Rendition, SlugRedirect, Transition
from tests import factories

pytestmark = pytest.mark.django_db


class TestPreviewLink:
    def test_active_links_are_neither_revoked_nor_expired_as_is_active_says(self, editor):
        review = factories.ReviewFactory()
        now = timezone.now()
        live = PreviewLink.objects.create(
            review=review, expires_at=now + datetime.timedelta(days=1)
        )
        PreviewLink.objects.create(review=review, expires_at=now - datetime.timedelta(seconds=1))
        PreviewLink.objects.create(
            review=review, expires_at=now + datetime.timedelta(days=1), revoked_at=now
        )
        assert list(PreviewLink.objects.active()) == [live]
        assert [link for link in PreviewLink.objects.all() if link.is_active] == [live]


def test_workflow_records_and_renditions_read_as_what_they_are(editor):
    review = factories.ReviewFactory(complete=True, headline="Sung in Traffic")
    placement = factories.ReviewStillFactory(
        review=review, photo__caption="Mia.", after_paragraph=2
    )
    assert str(placement) == "Mia. after paragraph 2"
    move = workflow.apply_action(review, "submit", editor)
    assert str(move) == "Sung in Traffic: Draft → In review"
    expires = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 30))
    link = PreviewLink(review=review, expires_at=expires)
    assert str(link) == "Preview of Sung in Traffic until 2026-03-01 09:30"
    assert str(SlugRedirect(kind="film", old_slug="old", target_id=7)) == "film old → #7"
    assert str(DeletionRecord(headline="Gone")) == "Deleted: Gone"
    rendition = Rendition(photo=placement.photo, spec="w640", format="webp", width=640, height=360)
    assert str(rendition) == "Mia. [w640 webp 640×360]"
    assert Transition.objects.get() == move
