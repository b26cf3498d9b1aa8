"""seed_demo and the demo content it loads (reviews/demo.py): complete, idempotent, and never
beside real staff on a production site."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from reviews.demo import DEMO_PASSWORD, plural, with_article
from reviews.models import Credit, Critic, Film, Genre, Person, Photo, Review
from reviews.models.reviews import ReviewStill
from tests import factories

pytestmark = pytest.mark.django_db

MODELS = [Film, Person, Credit, Photo, Review, ReviewStill, Critic, Genre, get_user_model()]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_twice_makes_no_duplicates(capsys):
    call_command("seed_demo")
    first = counts()
    files = sorted(photo.image.name for photo in Photo.objects.all())
    call_command("seed_demo")
    assert counts() == first
    assert sorted(photo.image.name for photo in Photo.objects.all()) == files
    assert "nothing new" in capsys.readouterr().out


def test_seed_demo_fills_listings_and_prints_working_accounts(client, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert Review.objects.published().count() >= 21
    assert Film.objects.count() >= 21
    assert "editor" in out and "newsroom-demo-2026" in out
    # Through the login page: django-axes checks every sign-in against its request.
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": "newsroom-demo-2026"}
    )
    assert response.status_code == 302
    assert client.get("/admin/reviews/review/").status_code == 200


def test_seed_demo_yardstick_review_holds_every_part():
    call_command("seed_demo")
    review = Review.objects.get(slug="la-la-land-review")
    film = review.film
    assert review.is_published and review.rating == Decimal("4.0") and review.dek
    assert (film.mpaa_rating, film.running_time_display) == ("PG-13", "128 minutes")
    assert film.content_advisory == "Contains some obscenity"
    assert film.where_playing == "At area theaters"
    assert film.distributor == "Lionsgate" and film.genres.count() == 3
    assert film.trailer_url and film.trailer_caption and film.trailer_credit
    roles = set(film.credits.values_list("role", flat=True))
    assert roles >= {"director", "screenwriter", "producer", "composer", "editor",
                     "cinematographer", "cast"}  # fmt: skip
    assert str(film.credits.get(person__name="Emma Stone")) == "Emma Stone as Mia"
    placements = list(review.placements.select_related("photo"))
    assert len(placements) == 3
    assert all(p.photo.credit_line == "Dale Robinette/Lionsgate" for p in placements)
    assert all(p.photo.caption and p.photo.alt_text for p in placements)
    assert review.body.count("<p>") >= 5
    assert review.lead_still is not None


@pytest.mark.parametrize(
    ("word", "expected"), [("sky", "skies"), ("country", "countries"), ("road", "roads")]
)
def test_demo_content_pluralises_its_title_words(word, expected):
    assert plural(word) == expected


def test_demo_content_uses_an_before_a_vowel():
    assert with_article("uneven") == "An uneven"
    assert with_article("patient") == "A patient"


def test_seed_demo_never_resets_the_password_or_role_of_an_existing_account():
    existing = factories.UserFactory(username="editor", is_staff=False)
    call_command("seed_demo", stdout=io.StringIO())

    existing.refresh_from_db()
    assert existing.check_password("a-long-test-password")
    assert not existing.check_password(DEMO_PASSWORD)
    assert not existing.groups.exists() and not existing.is_staff


def test_seed_demo_refuses_a_production_site_with_real_staff(settings):
    settings.DEBUG = False
    factories.UserFactory(username="alice", is_staff=True)

    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", stdout=io.StringIO())

    assert str(refused.value) == (
        "seed_demo: this site has real staff accounts (e.g. 'alice') and DEBUG is off; "
        "demo accounts with a published password belong on a demo database only."
    )
    assert not get_user_model().objects.filter(username="editor").exists()


def test_seed_demo_on_a_developers_machine_runs_beside_other_accounts(settings):
    settings.DEBUG = True
    factories.UserFactory(username="alice", is_staff=True)
    call_command("seed_demo", stdout=io.StringIO())
    assert get_user_model().objects.get(username="editor").check_password(DEMO_PASSWORD)


def test_la_la_land_shows_its_lead_still_once_and_its_other_stills_in_the_body(client):
    call_command("seed_demo", stdout=io.StringIO())
    review = Review.objects.get(slug="la-la-land-review")
    page = client.get(review.get_absolute_url()).content.decode()
    assert page.count(f'alt="{review.lead_still.alt_text}"') == 1
    body = page[page.index('class="review__body"') : page.index('<aside class="facts"')]
    others = review.placements.exclude(photo=review.lead_still)
    assert others.count() == 2
    for placement in others:
        assert f'alt="{placement.photo.alt_text}"' in body
