"""Merging duplicate people: every credit kept, the duplicate's address leading to the one kept."""

import threading
import time

import pytest
from django.urls import reverse

from reviews.admin import people as people_admin
from reviews.editorial.people import merge_people
from reviews.models import Credit, CreditRole, Person, SlugRedirect
from reviews.transactions import write_transaction
from tests import factories
from tests.concurrency import shared_database, started  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def credits_of(person: Person) -> set[tuple]:
    return set(person.credits.values_list("film_id", "role", "character", "job"))


@pytest.fixture
def simmons():
    """J.K. Simmons twice: one credit each of their own, and one credit both hold."""
    keep = factories.PersonFactory(name="J.K. Simmons", slug="jk-simmons")
    duplicate = factories.PersonFactory(name="J. K. Simmons", slug="j-k-simmons", bio="Actor.")
    whiplash, la_la_land, spider_man = factories.FilmFactory.create_batch(3)
    factories.CreditFactory(person=keep, film=whiplash, character="Fletcher")
    factories.CreditFactory(person=duplicate, film=la_la_land, character="Bill")
    factories.CreditFactory(person=duplicate, film=spider_man, character="J. Jonah Jameson")
    factories.CreditFactory(person=duplicate, film=whiplash, character="Fletcher")  # held by both
    factories.CreditFactory(
        person=duplicate, film=whiplash, role=CreditRole.OTHER, character="", job="Narrator"
    )
    return keep, duplicate


def test_merge_keeps_every_credit(simmons):
    keep, duplicate = simmons
    expected = credits_of(keep) | credits_of(duplicate)

    result = merge_people(keep, [duplicate])

    assert credits_of(keep) == expected
    assert (result.moved, result.dropped) == (3, 1)
    assert Credit.objects.count() == len(expected)


def test_merge_deletes_the_duplicate_and_leaves_a_redirect(simmons):
    keep, duplicate = simmons

    merge_people(keep, [duplicate])

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    redirect = SlugRedirect.objects.get()
    assert (redirect.kind, redirect.old_slug, redirect.target_id) == (
        "person",
        "j-k-simmons",
        keep.pk,
    )


def test_merge_takes_the_bio_only_when_the_kept_person_has_none(simmons):
    keep, duplicate = simmons

    merge_people(keep, [duplicate])

    keep.refresh_from_db()
    assert keep.bio == "Actor."


def test_earlier_redirects_follow_the_merge():
    first = factories.PersonFactory(slug="first")
    second = factories.PersonFactory(slug="second")
    third = factories.PersonFactory(slug="third")
    merge_people(second, [first])

    merge_people(third, [second])

    assert dict(SlugRedirect.objects.values_list("old_slug", "target_id")) == {
        "first": third.pk,
        "second": third.pk,
    }


def test_a_person_cannot_be_merged_into_themselves():
    person = factories.PersonFactory()

    with pytest.raises(ValueError, match="cannot be merged into themselves"):
        merge_people(person, [person])

    assert Person.objects.filter(pk=person.pk).exists()


def test_old_person_address_redirects_permanently(client, simmons, django_assert_num_queries):
    keep, duplicate = simmons
    merge_people(keep, [duplicate])

    with django_assert_num_queries(3):  # the person, the redirect, the person it points to
        response = client.get(reverse("reviews:person-detail", kwargs={"slug": "j-k-simmons"}))

    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()


# Merging while others write ------------------------------------------------------------------


@pytest.mark.usefixtures("shared_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_merge_meeting_another_save_waits_for_it_and_both_are_kept(simmons):
    keep, duplicate = simmons
    expected = credits_of(keep) | credits_of(duplicate)
    holding = threading.Event()

    def rename_slowly() -> None:
        with write_transaction():
            Person.objects.filter(pk=keep.pk).update(bio="Won an Oscar for Whiplash.")
            holding.set()
            time.sleep(1)

    saving = started(rename_slowly, "editor")
    assert holding.wait(10)
    result = started(lambda: merge_people(keep, [duplicate]), "merge").result()
    saving.result()

    keep.refresh_from_db()
    assert keep.bio == "Won an Oscar for Whiplash."
    assert credits_of(keep) == expected
    assert result.merged == ["J. K. Simmons"]
    assert not Person.objects.filter(pk=duplicate.pk).exists()


def test_a_merge_of_someone_merged_away_a_moment_ago_is_refused_with_the_reason(simmons):
    keep, duplicate = simmons
    third = factories.PersonFactory(name="Jonathan Kimble Simmons", slug="jonathan-simmons")
    merge_people(keep, [duplicate])  # by someone else, while this merge page was open

    with pytest.raises(ValueError, match="J. K. Simmons merged or deleted a moment ago"):
        merge_people(third, [keep, duplicate])

    assert Person.objects.filter(pk=keep.pk).exists()
    assert Person.objects.filter(pk=third.pk).exists()


def test_the_merge_page_says_why_a_merge_was_refused(client, editor, simmons, monkeypatch):
    keep, duplicate = simmons
    other = factories.PersonFactory(name="Jonathan Kimble Simmons", slug="jonathan-simmons")

    def merged_meanwhile(kept, duplicates):
        merge_people(keep, [duplicate])  # another editor's merge, just before this one
        return merge_people(kept, duplicates)

    monkeypatch.setattr(people_admin, "merge_people", merged_meanwhile)
    client.force_login(editor)
    ids = f"{keep.pk},{duplicate.pk},{other.pk}"

    response = client.post(reverse("admin:reviews_person_merge"), {"ids": ids, "keep": other.pk})

    assert response.status_code == 200
    assert "J. K. Simmons merged or deleted a moment ago; nothing was merged." in (
        response.content.decode()
    )
    assert Person.objects.filter(pk=keep.pk).exists()
    assert not other.credits.exists()
