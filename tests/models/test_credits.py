"""Credits: one person in many roles across films, each role once."""

import pytest
from django.db import transaction

from reviews.models import Credit, CreditRole
from tests import factories
from tests.helpers import refused

pytestmark = pytest.mark.django_db


class TestCredit:
    def test_cast_credit_reads_as_person_as_character(self):
        credit = factories.CreditFactory(
            person__name="Emma Stone", role=CreditRole.CAST, character="Mia"
        )
        assert str(credit) == "Emma Stone as Mia"
        assert credit.get_absolute_url() == credit.person.get_absolute_url()

    def test_crew_credit_names_the_role(self):
        credit = factories.CreditFactory(
            person__name="Justin Hurwitz", role=CreditRole.COMPOSER, character=""
        )
        assert str(credit) == "Justin Hurwitz, composer"

    def test_same_credit_twice_is_refused(self):
        credit = factories.CreditFactory(role=CreditRole.DIRECTOR, character="")
        with refused(), transaction.atomic():
            Credit.objects.create(film=credit.film, person=credit.person, role=credit.role)

    def test_one_person_holds_many_credits_across_films(self):
        person = factories.PersonFactory()
        factories.CreditFactory(person=person, role=CreditRole.DIRECTOR, character="")
        factories.CreditFactory(person=person, role=CreditRole.SCREENWRITER, character="")
        factories.CreditFactory(person=person, role=CreditRole.CAST, character="Himself")
        assert person.credits.count() == 3
        assert len({credit.film_id for credit in person.credits.all()}) == 3

    def test_only_a_cast_credit_names_a_character(self):
        with refused(), transaction.atomic():
            factories.CreditFactory(role=CreditRole.DIRECTOR, character="Mia")


def test_credit_roles_cover_the_newspapers_crew():
    assert set(CreditRole.values) == {
        "director", "screenwriter", "producer", "composer", "editor", "cinematographer",
        "cast", "other",
    }  # fmt: skip
