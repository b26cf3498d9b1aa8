"""The page cache: anonymous readers get cached pages that are never stale.

These tests commit their writes (a transactional database), as a real site does: on
PostgreSQL the content version is raised by triggers that run at commit.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import workflow
from reviews.models import ContentVersion, Credit, CreditRole, Film, Photo, Review, ReviewStatus
from reviews.models.content import WATCHED_TABLES
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = LOCMEM
    from django.core.cache import caches

    caches["default"].clear()
    return caches["default"]


def get(client, url, **headers):
    return client.get(url, headers=headers)


def test_every_watched_table_raises_the_version_on_insert_update_and_delete(db):
    before = ContentVersion.current()
    film = factories.FilmFactory()
    after_insert = ContentVersion.current()
    Film.objects.filter(pk=film.pk).update(title="Renamed")
    after_update = ContentVersion.current()
    Film.objects.filter(pk=film.pk).delete()
    assert before < after_insert < after_update < ContentVersion.current()


def test_the_triggers_cover_every_watched_table(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT DISTINCT event_object_table FROM information_schema.triggers")
        else:
            cursor.execute("SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        tables = {row[0] for row in cursor.fetchall()}
    assert set(WATCHED_TABLES) <= tables


def test_a_second_visit_is_served_from_the_cache_with_the_same_page(client, page_cache):
    review = factories.ReviewFactory(published=True, headline="Sung in Traffic")
    url = review.get_absolute_url()
    first = get(client, url)
    with CaptureQueriesContext(connection) as queries:
        second = get(client, url)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content and b"Sung in Traffic" in second.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    # One read of the content version; nothing else touches the database on a hit.
    assert len(queries) == 1


def test_a_bulk_created_review_appears_at_once(client, page_cache):
    review = factories.ReviewFactory(published=True)
    get(client, reverse("reviews:home"))
    Review.objects.bulk_create(
        [
            Review(
                film=review.film,
                critic=review.critic,
                headline="Imported Without Save",
                slug="imported",
                body="<p>Words.</p>",
                status=ReviewStatus.PUBLISHED,
                published_at=timezone.now() - datetime.timedelta(minutes=5),
            )
        ]
    )
    assert b"Imported Without Save" in get(client, reverse("reviews:home")).content


def test_publish_edit_correction_and_unpublish_each_show_at_once(client, page_cache, editor):
    review = factories.ReviewFactory(
        complete=True, status=ReviewStatus.IN_REVIEW, headline="Before"
    )
    home = reverse("reviews:home")
    assert b"Before" not in get(client, home).content
    workflow.apply_action(review, "publish", editor)
    assert b"Before" in get(client, home).content

    url = review.get_absolute_url()
    get(client, url)
    Review.objects.filter(pk=review.pk).update(headline="After")
    assert b"After" in get(client, url).content

    factories.CorrectionFactory(review=review, text="An earlier version misnamed the composer.")
    assert b"misnamed the composer" in get(client, url).content

    review.refresh_from_db()
    workflow.apply_action(review, "unpublish", editor)
    assert get(client, url).status_code == 404
    assert b"After" not in get(client, home).content


def test_film_and_credit_edits_show_on_the_review_page(client, page_cache):
    review = factories.ReviewFactory(published=True)
    url = review.get_absolute_url()
    get(client, url)
    Film.objects.filter(pk=review.film_id).update(where_playing="At the Castro")
    assert b"At the Castro" in get(client, url).content
    person = factories.PersonFactory(name="Linus Sandgren")
    Credit.objects.bulk_create(
        [Credit(film=review.film, person=person, role=CreditRole.CINEMATOGRAPHER)]
    )
    assert b"Linus Sandgren" in get(client, url).content


def test_a_still_whose_rights_are_withdrawn_leaves_the_page_at_once(client, page_cache):
    review = factories.ReviewFactory(published=True)
    placed = factories.ReviewStillFactory(review=review, photo__caption="Mia at the audition.")
    url = review.get_absolute_url()
    assert b"Mia at the audition." in get(client, url).content
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Photo.objects.filter(pk=placed.photo_id).update(usage_expires=yesterday)
    assert b"Mia at the audition." not in get(client, url).content


def travel_to(monkeypatch, moment: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_scheduled_review_appears_at_its_moment_with_no_write(client, page_cache, monkeypatch):
    editor_made = factories.ReviewFactory(published=True, headline="Already Out")
    due = timezone.now() + datetime.timedelta(hours=2)
    factories.ReviewFactory(
        film=editor_made.film, status=ReviewStatus.SCHEDULED, published_at=due, headline="Due Soon"
    )
    home = reverse("reviews:home")
    assert b"Due Soon" not in get(client, home).content
    assert get(client, home)["X-Page-Cache"] == "hit"
    travel_to(monkeypatch, due + datetime.timedelta(seconds=1))
    page = get(client, home)
    assert page["X-Page-Cache"] == "miss" and b"Due Soon" in page.content


def test_a_still_disappears_the_day_after_its_rights_run_out(client, page_cache, monkeypatch):
    today = timezone.localdate()
    review = factories.ReviewFactory(published=True)
    factories.ReviewStillFactory(
        review=review, photo__caption="Last day of rights.", photo__usage_expires=today
    )
    url = review.get_absolute_url()
    assert b"Last day of rights." in get(client, url).content
    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    travel_to(monkeypatch, timezone.make_aware(midnight) + datetime.timedelta(minutes=1))
    assert b"Last day of rights." not in get(client, url).content


def test_a_correction_dated_ahead_appears_at_its_moment_with_no_write(
    client, page_cache, monkeypatch
):
    review = factories.ReviewFactory(published=True)
    due = timezone.now() + datetime.timedelta(hours=2)
    factories.CorrectionFactory(review=review, text="Dated ahead.", published_at=due)
    url = review.get_absolute_url()
    assert b"Dated ahead." not in get(client, url).content
    assert get(client, url)["X-Page-Cache"] == "hit"
    travel_to(monkeypatch, due + datetime.timedelta(seconds=1))
    page = get(client, url)
    assert page["X-Page-Cache"] == "miss" and b"Dated ahead." in page.content


def test_an_embargoed_still_appears_on_the_film_page_when_the_embargo_ends(
    client, page_cache, monkeypatch
):
    film = factories.FilmFactory()
    until = timezone.now() + datetime.timedelta(hours=5)
    factories.PhotoFactory(film=film, caption="Held by the studio.", embargo_until=until)
    url = film.get_absolute_url()
    assert b"Held by the studio." not in get(client, url).content
    assert get(client, url)["X-Page-Cache"] == "hit"
    travel_to(monkeypatch, until + datetime.timedelta(seconds=1))
    page = get(client, url)
    assert page["X-Page-Cache"] == "miss" and b"Held by the studio." in page.content


def test_staff_are_never_served_or_stored_from_the_cache(client, page_cache, editor):
    review = factories.ReviewFactory(published=True)
    client.force_login(editor)
    response = get(client, review.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert not page_cache._cache  # nothing stored for a signed-in request


def test_a_shared_preview_link_is_never_cached(client, page_cache, editor):
    from reviews.editorial import previews

    review = factories.ReviewFactory(status=ReviewStatus.IN_REVIEW, headline="Embargoed")
    link = previews.create_preview_link(review, editor)
    url = reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])
    first = get(client, url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    previews.revoke_preview_link(link, editor)
    assert get(client, url).status_code == 404


def test_a_reader_holding_the_page_gets_304(client, page_cache):
    review = factories.ReviewFactory(published=True)
    url = review.get_absolute_url()
    first = get(client, url)
    assert "must-revalidate" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = get(client, url, if_none_match=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    Review.objects.filter(pk=review.pk).update(headline="Changed")
    assert get(client, url, if_none_match=first["ETag"]).status_code == 200
