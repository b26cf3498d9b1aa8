"""reviews.addresses.slug_url: the address reverse() gives, without reversing every time."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from reviews.addresses import slug_url


@pytest.mark.parametrize("viewname", ["reviews:person-detail", "reviews:review-detail"])
def test_a_plain_slug_gets_the_address_reverse_gives(viewname):
    for slug in ["emma-stone", "la-la-land-review", "under_score-2", "x"]:
        assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_the_script_prefix_is_kept_as_reverse_keeps_it():
    try:
        set_script_prefix("/paper/")
        assert slug_url("reviews:person-detail", "emma-stone") == "/paper/people/emma-stone/"
    finally:
        set_script_prefix("/")
    assert slug_url("reviews:person-detail", "emma-stone") == "/people/emma-stone/"


def test_any_other_slug_is_left_to_reverse():
    with pytest.raises(NoReverseMatch):
        slug_url("reviews:person-detail", "emma stone/../x")
