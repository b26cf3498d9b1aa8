"""People, critics and genres: how they read and where they live."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_person_critic_and_genre_read_as_their_names_and_have_public_addresses():
    person = factories.PersonFactory(name="Emma Stone", slug="emma-stone")
    critic = factories.CriticFactory(name="Harriet Vance", slug="harriet-vance")
    genre = factories.GenreFactory(name="Musical", slug="musical")
    assert (str(person), person.get_absolute_url()) == ("Emma Stone", "/people/emma-stone/")
    assert (str(critic), critic.get_absolute_url()) == ("Harriet Vance", "/critics/harriet-vance/")
    assert (str(genre), genre.get_absolute_url()) == ("Musical", "/genres/musical/")
