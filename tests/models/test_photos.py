"""Stills: their dimensions and the rights that decide where they may appear."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import Photo
from reviews.models.photos import EXPIRING_SOON_DAYS
from tests import factories

pytestmark = pytest.mark.django_db


class TestPhoto:
    def test_dimensions_are_read_from_the_image(self):
        photo = factories.PhotoFactory()
        assert (photo.width, photo.height) == (64, 36)
        assert str(photo) == photo.caption

    def test_usable_excludes_expired_rights(self):
        today = timezone.localdate()
        open_ended = factories.PhotoFactory(usage_expires=None)
        still_ok = factories.PhotoFactory(usage_expires=today)
        expired = factories.PhotoFactory(usage_expires=today - datetime.timedelta(days=1))
        assert set(Photo.objects.usable()) == {open_ended, still_ok}
        assert list(Photo.objects.expired()) == [expired]
        assert not expired.is_usable and still_ok.is_usable

    def test_expiring_within_lists_stills_whose_rights_end_in_the_window(self):
        today = timezone.localdate()
        soon = factories.PhotoFactory(usage_expires=today + datetime.timedelta(days=5))
        factories.PhotoFactory(usage_expires=today + datetime.timedelta(days=60))
        assert list(Photo.objects.expiring_within(30)) == [soon]


def test_expires_soon_agrees_with_the_library_filter_at_its_edges():
    today = timezone.localdate()
    for days in (-1, 0, EXPIRING_SOON_DAYS, EXPIRING_SOON_DAYS + 1, None):
        expires = None if days is None else today + datetime.timedelta(days)
        factories.PhotoFactory(caption=f"{days}", usage_expires=expires)
    soon = set(Photo.objects.expiring_within(EXPIRING_SOON_DAYS))
    assert {p.caption for p in soon} == {"0", str(EXPIRING_SOON_DAYS)}
    assert {p for p in Photo.objects.all() if p.expires_soon} == soon
