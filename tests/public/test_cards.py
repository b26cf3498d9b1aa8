"""Listing cards from the fragment cache: read for the whole page at once, rendered only
when missing, never stale, and never for staff. Writes are committed, as in
test_fragments.py (PostgreSQL raises the content version at commit)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.public import cards
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def fragment_cache(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import caches

    caches["default"].clear()


@pytest.fixture
def rendered(monkeypatch) -> list[int]:
    """The ids of the reviews whose card was rendered, in order."""
    calls = []
    render = cards.render_card

    def counting(review, kind):
        calls.append(review.pk)
        return render(review, kind)

    monkeypatch.setattr(cards, "render_card", counting)
    return calls


def test_a_second_visit_takes_every_card_from_the_cache_in_one_read(
    client, fragment_cache, rendered
):
    reviews = factories.ReviewFactory.create_batch(3, published=True)
    first = client.get("/reviews/").content.decode()
    assert sorted(rendered) == sorted(review.pk for review in reviews)

    rendered.clear()
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/reviews/").content.decode()
    assert rendered == []
    assert again == first
    assert len(queries) <= 6  # the cards' reads are the cache's, not the database's


def test_a_changed_review_shows_its_new_card_at_once(client, fragment_cache, rendered):
    review = factories.ReviewFactory(published=True, headline="Old Headline")
    factories.ReviewFactory(published=True)
    assert "Old Headline" in client.get("/reviews/").content.decode()
    review.headline = "New Headline"
    review.save()
    page = client.get("/reviews/").content.decode()
    assert "New Headline" in page and "Old Headline" not in page


def test_staff_always_get_cards_rendered_afresh(client, fragment_cache, rendered, editor):
    factories.ReviewFactory.create_batch(2, published=True)
    client.force_login(editor)
    client.get("/reviews/")
    client.get("/reviews/")
    assert len(rendered) == 4


def test_the_home_page_keeps_a_pick_s_compact_card_apart_from_its_grid_card(
    client, fragment_cache, rendered
):
    factories.ReviewFactory.create_batch(5, published=True)
    pick = factories.ReviewFactory(published=True, critics_pick=True, headline="The Pick")
    factories.ReviewFactory(published=True)  # the newest leads; the pick is in the row
    for _ in range(2):
        page = client.get("/").content.decode()
    assert rendered.count(pick.pk) == 2  # once as a pick, once in the row: then cached
    assert page.count("The Pick") == 2


def test_a_save_while_a_page_is_rendered_never_leaves_its_old_card_served(
    client, fragment_cache, monkeypatch
):
    review = factories.ReviewFactory(published=True, headline="Before the Edit")
    render = cards.render_card

    def render_then_edit(rendering, kind):
        html = render(rendering, kind)
        # An editor saves (committed) while the reader's page is still being put together.
        type(review).objects.filter(pk=review.pk).update(headline="After the Edit")
        return html

    monkeypatch.setattr(cards, "render_card", render_then_edit)
    assert "Before the Edit" in client.get("/reviews/").content.decode()
    monkeypatch.setattr(cards, "render_card", render)
    page = client.get("/reviews/").content.decode()
    assert "After the Edit" in page and "Before the Edit" not in page
