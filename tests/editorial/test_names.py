"""Names compared as an editor would, and the people who are probably one person."""

import pytest

from reviews.editorial.names import likely_duplicate_people, name_key
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("J.K. Simmons", "JK Simmons"),
        ("J. K. Simmons", "jk simmons"),
        ("Penélope Cruz", "Penelope Cruz"),
        ("Emma  Stone", "EMMA STONE"),
        ("Conan O'Brien", "Conan OBrien"),
        ("Jean-Pierre Jeunet", "Jean Pierre Jeunet"),
    ],
)
def test_names_differing_in_case_accents_or_punctuation_share_a_key(a, b):
    assert name_key(a) == name_key(b)


def test_different_names_have_different_keys():
    assert name_key("Emma Stone") != name_key("Emma Stoner")


def test_likely_duplicates_are_grouped_by_normalised_name(django_assert_num_queries):
    jk = factories.PersonFactory(name="J.K. Simmons", slug="jk-simmons")
    j_k = factories.PersonFactory(name="J. K. Simmons", slug="j-k-simmons")
    factories.CreditFactory(person=j_k)
    cruz = factories.PersonFactory(name="Penélope Cruz", slug="penelope-cruz")
    cruz2 = factories.PersonFactory(name="Penelope Cruz", slug="penelope-cruz-2")
    factories.PersonFactory(name="Emma Stone", slug="emma-stone")

    with django_assert_num_queries(2):
        groups = likely_duplicate_people()

    assert [[p.pk for p in group] for group in groups] == [[j_k.pk, jk.pk], [cruz2.pk, cruz.pk]]
    assert groups[0][0].credit_count == 1
