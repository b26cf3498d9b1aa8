"""People in the admin: their credits, merging duplicates, and who may search them."""

import pytest
from django.urls import reverse

from reviews.models import Person, SlugRedirect
from tests import factories
from tests.helpers import DUPLICATES_URL, MERGE_URL, PEOPLE_URL

pytestmark = pytest.mark.django_db


def test_person_page_in_the_admin_lists_their_credits(client, editor):
    person = factories.PersonFactory(name="Emma Stone")
    factories.CreditFactory(person=person, film__title="La La Land", character="Mia")
    factories.CreditFactory(person=person, film__title="Birdman", character="Sam")
    client.force_login(editor)
    response = client.get(reverse("admin:reviews_person_change", args=[person.pk]))
    credits = response.context["inline_admin_formsets"][0].formset
    assert sorted(form.instance.character for form in credits.forms if form.instance.pk) == [
        "Mia",
        "Sam",
    ]
    page = response.content.decode()
    assert 'value="Mia"' in page and 'value="Sam"' in page


def test_photo_desk_cannot_search_people_through_the_autocomplete(client, photo_desk):
    factories.PersonFactory(name="Emma Stone")
    client.force_login(photo_desk)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "emma", "app_label": "reviews", "model_name": "credit", "field_name": "person"},
    )
    assert response.status_code == 403


def test_merge_action_leads_to_the_merge_page(client, editor, people_to_merge):
    client.force_login(editor)
    ids = [p.pk for p in people_to_merge]

    response = client.post(PEOPLE_URL, {"action": "merge_selected", "_selected_action": ids})

    assert response.status_code == 302
    assert response["Location"].startswith(f"{MERGE_URL}?ids=")


def test_merge_page_merges_into_the_chosen_person(client, editor, people_to_merge):
    keep, duplicate = people_to_merge
    client.force_login(editor)
    ids = f"{keep.pk},{duplicate.pk}"
    assert client.get(MERGE_URL, {"ids": ids}).status_code == 200

    response = client.post(MERGE_URL, {"ids": ids, "keep": keep.pk}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Merged JK Simmons into J.K. Simmons: 1 credit(s) moved, 0 identical credit(s) folded "
        "together. The old address(es) now redirect to /people/jk-simmons/."
    ]
    assert keep.credits.count() == 2
    assert SlugRedirect.objects.get().old_slug == "jk-simmons-2"


def test_merge_page_needs_two_people(client, editor, people_to_merge):
    client.force_login(editor)

    response = client.get(MERGE_URL, {"ids": str(people_to_merge[0].pk)}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Choose two or more people to merge."]


def test_merge_page_needs_a_choice(client, editor, people_to_merge):
    client.force_login(editor)
    ids = ",".join(str(p.pk) for p in people_to_merge)

    response = client.post(MERGE_URL, {"ids": ids})

    assert response.context["error"] == "Choose the person to keep."
    assert Person.objects.count() == 2


def test_duplicates_page_query_count_does_not_grow(
    client, editor, people_to_merge, django_assert_max_num_queries
):
    for n in range(10):
        factories.PersonFactory(name=f"Twin {n}", slug=f"twin-{n}")
        factories.PersonFactory(name=f"TWIN {n}", slug=f"twin-{n}-2")
    client.force_login(editor)

    with django_assert_max_num_queries(6):
        response = client.get(DUPLICATES_URL)

    assert len(response.context["groups"]) == 11


def test_duplicates_page_lists_groups_with_a_merge_link(client, editor, people_to_merge):
    keep, duplicate = people_to_merge
    client.force_login(editor)

    page = client.get(DUPLICATES_URL).content.decode()

    assert f"{MERGE_URL}?ids={keep.pk},{duplicate.pk}" in page
    assert DUPLICATES_URL in client.get(PEOPLE_URL).content.decode()
