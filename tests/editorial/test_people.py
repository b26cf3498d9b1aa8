"""Merging duplicate people: every credit kept, the duplicate's address leading to the one kept."""

import pytest
from django.urls import reverse

from reviews.editorial.people import merge_people
from reviews.models import Credit, CreditRole, Person, SlugRedirect
from tests import factories

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
