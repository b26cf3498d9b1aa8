"""Writing a confirmed story: all of it in one transaction, as a draft, or nothing at all."""

from unittest import mock

import pytest
from django.core.files.storage import default_storage

from reviews.copydesk import StoryError, read_story, recognise
from reviews.copydesk.services import Choice, create_draft
from reviews.models import Credit, Film, Person, Photo, Review, ReviewStatus, ReviewStill
from tests import factories
from tests.copydesk.stories import HARBOR_LIGHTS
from tests.images import picture, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return recognise(read_story(HARBOR_LIGHTS))


def choice(story, critic, **kwargs) -> Choice:
    pictures = {0: upload(picture()), 1: upload(picture(color="blue"))}
    return Choice(critic=critic, chosen=story.keys(), pictures=pictures, **kwargs)


def stored_files() -> list[str]:
    if not default_storage.exists("stills"):
        return []
    found = []
    for year in default_storage.listdir("stills")[0]:
        for month in default_storage.listdir(f"stills/{year}")[0]:
            found += default_storage.listdir(f"stills/{year}/{month}")[1]
    return found


def test_confirming_writes_the_film_credits_stills_and_a_private_draft(story, critic_user, client):
    review = create_draft(story, choice(story, critic_user.critic, user=critic_user))

    assert review.status == ReviewStatus.DRAFT and review.published_at is None
    assert client.get(review.get_absolute_url()).status_code == 404
    placements = list(review.placements.select_related("photo"))
    assert [(p.photo.caption, p.photo.credit_line, p.after_paragraph) for p in placements] == [
        ("Maria Rossi as the ferry pilot Ada.", "Tom Baker/Northlight Pictures", 1),
        ("The harbor at dawn.", "Northlight Pictures", 2),
    ]
    assert placements[0].photo.uploaded_by == critic_user
    assert review.body.count("<p>") == 3
    assert Credit.objects.filter(film=review.film).count() == 5
    assert review.film.content_advisory == "Contains violence and brief nudity"


def test_unticked_items_are_not_written(story, critic_user):
    kept = {key for key in story.keys() if key not in {"credit.0", "film.mpaa_rating", "still.0"}}
    review = create_draft(story, Choice(critic=critic_user.critic, chosen=kept,
                                        pictures={1: upload(picture())}))  # fmt: skip

    assert review.film.mpaa_rating == ""
    assert not Credit.objects.filter(character="Ada").exists()
    assert "Maria Rossi as the ferry pilot Ada. (Tom Baker/Northlight Pictures)" in review.body
    assert review.placements.get().after_paragraph == 3


def test_a_failure_midway_leaves_nothing_not_even_the_pictures(story, critic_user):
    people = Person.objects.count()
    with (
        mock.patch.object(ReviewStill.objects, "create", side_effect=[None, RuntimeError("x")]),
        pytest.raises(RuntimeError),
    ):
        create_draft(story, choice(story, critic_user.critic))

    assert not Film.objects.exists()
    assert Person.objects.count() == people
    assert not Credit.objects.exists()
    assert not Review.objects.exists()
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_a_kept_still_without_a_picture_is_named_before_anything_is_written(story, critic_user):
    with pytest.raises(StoryError, match=r"still 2 \(“The harbor at dawn.”\): attach a picture"):
        create_draft(story, Choice(critic=critic_user.critic, chosen=story.keys(),
                                   pictures={0: upload(picture())}))  # fmt: skip

    assert not Film.objects.exists()
    assert stored_files() == []


def test_one_library_still_cannot_fill_two_slots(story, critic_user):
    photo = factories.PhotoFactory()
    with pytest.raises(StoryError, match="the same library still as still 1"):
        create_draft(story, Choice(critic=critic_user.critic, chosen=story.keys(),
                                   library={0: photo, 1: photo}))  # fmt: skip


def test_a_picture_that_is_no_picture_is_refused_with_its_still_named(story, critic_user):
    pictures = {0: upload(picture()), 1: upload(b"not an image", "x.jpg")}
    with pytest.raises(StoryError, match=r"still 2 \(“The harbor at dawn.”\): "):
        create_draft(story, Choice(critic=critic_user.critic, chosen=story.keys(),
                                   pictures=pictures))  # fmt: skip

    assert not Review.objects.exists()
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_a_value_too_long_for_its_field_is_named(critic_user):
    long_place = "At " + "the Avalon and " * 20 + "the Uptown."
    found = recognise(read_story(f"In “Long Film” a wait.\n\nPG. {long_place} 95 minutes."))

    with pytest.raises(StoryError, match="film “Long Film”: where playing: Ensure this value"):
        create_draft(found, Choice(critic=critic_user.critic, chosen=found.keys()))

    assert not Film.objects.exists()


def test_slugs_do_not_collide_with_an_existing_review(story, critic_user):
    first = create_draft(story, choice(story, critic_user.critic))
    second = create_draft(story, choice(story, critic_user.critic))

    assert (first.slug, second.slug) == (
        "harbor-lights-finds-its-way-home",
        "harbor-lights-finds-its-way-home-2",
    )
    assert second.film == first.film
    assert Credit.objects.filter(film=first.film).count() == 5


def test_a_clash_with_another_save_is_said_and_leaves_nothing(story, critic_user):
    from django.db import IntegrityError

    with (
        mock.patch.object(ReviewStill.objects, "create", side_effect=IntegrityError("x")),
        pytest.raises(StoryError, match="another save took the same"),
    ):
        create_draft(story, choice(story, critic_user.critic))

    assert not Review.objects.exists() and not Photo.objects.exists()
    assert stored_files() == []
