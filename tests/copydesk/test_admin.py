"""The copy desk's admin page: editors only; paste, preview (nothing written), untick,
attach, confirm (a draft, in one transaction); bad input named, never a 500."""

import pytest
from django.urls import reverse

from reviews.models import Credit, Film, Photo, Review, ReviewStatus
from tests import factories
from tests.copydesk.stories import HARBOR_LIGHTS
from tests.images import picture, upload

pytestmark = pytest.mark.django_db

URL = reverse("admin:reviews_review_import_story")


def preview(client, critic, text: str = HARBOR_LIGHTS):
    return client.post(URL, {"text": text, "critic": critic.pk, "preview": "1"})


def confirm(client, critic, keep, **extra):
    data = {"text": HARBOR_LIGHTS, "critic": critic.pk, "keep": keep, "confirm": "1"}
    return client.post(URL, data | extra)


def everything(response) -> list[str]:
    return sorted(response.context["chosen"])


@pytest.mark.parametrize("who", ["critic_user", "photo_desk"])
def test_critics_and_the_photo_desk_may_not_use_it(client, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": HARBOR_LIGHTS}).status_code == 403


def test_the_review_list_links_to_it_for_editors_only(client, editor, critic_user):
    client.force_login(editor)
    assert URL in client.get(reverse("admin:reviews_review_changelist")).content.decode()

    client.force_login(critic_user)
    assert URL not in client.get(reverse("admin:reviews_review_changelist")).content.decode()


def test_the_preview_shows_each_item_with_its_sentence_and_writes_nothing(
    client, editor, critic_user
):
    client.force_login(editor)

    response = preview(client, critic_user.critic)

    assert response.status_code == 200 and response.context["step"] == "preview"
    page = response.content.decode()
    assert "¶9: “1 hour 52 minutes.”" in page
    assert "¶3: “Ada (Maria Rossi) steers it every morning" in page
    assert 'name="picture-1"' in page and 'value="still.1"' in page
    assert "The trailer for “Harbor Lights.”" in page
    assert [(r.label, r.value) for r in response.context["review_rows"]] == [
        ("Star rating", "3 of 4 stars")
    ]
    assert response.context["form"]["headline"].value() == "‘Harbor Lights’ Finds Its Way Home"
    assert response.context["form"]["critic"].value() == critic_user.critic.pk
    assert not Film.objects.exists() and not Review.objects.exists()


def test_confirming_with_pictures_writes_a_draft_and_opens_it(client, editor, critic_user):
    client.force_login(editor)
    keep = everything(preview(client, critic_user.critic))

    response = confirm(
        client,
        critic_user.critic,
        keep,
        **{"picture-0": upload(picture()), "picture-1": upload(picture(color="blue"))},
    )

    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reviews_review_change", args=[review.pk])
    assert review.status == ReviewStatus.DRAFT and not review.is_published
    assert review.placements.count() == 2
    assert Photo.objects.filter(uploaded_by=editor).count() == 2
    assert client.get(review.get_absolute_url()).status_code == 404


def test_unticked_items_are_left_out_and_a_library_still_can_be_picked(client, editor, critic_user):
    client.force_login(editor)
    still = factories.PhotoFactory(caption="The harbor at dawn.", credit_line="Northlight")
    keep = everything(preview(client, critic_user.critic))
    unticked = {"still.0", "credit.0", "film.running_time", "review.stars"}
    keep = [key for key in keep if key not in unticked]

    confirm(client, critic_user.critic, keep, **{"library-1": str(still.pk)})

    review = Review.objects.get()
    assert [p.photo for p in review.placements.all()] == [still]
    assert review.film.running_time is None
    assert review.rating is None
    assert not Credit.objects.filter(character="Ada").exists()
    assert "Maria Rossi as the ferry pilot Ada." in review.body


def test_a_still_kept_without_a_picture_is_named_and_nothing_is_written(
    client, editor, critic_user
):
    client.force_login(editor)
    keep = everything(preview(client, critic_user.critic))

    response = confirm(client, critic_user.critic, keep, **{"picture-0": upload(picture())})

    assert response.status_code == 200 and response.context["step"] == "preview"
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Nothing was written: still 2 (“The harbor at dawn.”): attach a picture, pick one from "
        "the library, or untick it."
    ]
    assert not Film.objects.exists() and not Photo.objects.exists()


@pytest.mark.parametrize(
    "text, message",
    [
        ("   ", "This field is required."),
        ("<p></p>", "The story holds no text."),
        ("word " * 50_000, "at most 200,000 are read"),
    ],
)
def test_bad_input_is_named_on_the_form(client, editor, critic_user, text, message):
    client.force_login(editor)

    response = preview(client, critic_user.critic, text)

    assert response.status_code == 200 and response.context["step"] == "paste"
    assert message in str(response.context["form"].errors["text"])


def test_a_headline_too_long_is_named(client, editor, critic_user):
    client.force_login(editor)
    keep = everything(preview(client, critic_user.critic))

    response = confirm(client, critic_user.critic, keep, headline="x" * 201)

    assert "at most 200 characters" in str(response.context["form"].errors["headline"])
    assert not Review.objects.exists()


def test_the_preview_says_what_a_film_already_here_keeps(client, editor, critic_user):
    factories.FilmFactory(
        title="Harbor Lights", mpaa_rating="PG-13", running_time=112, where_playing=""
    )
    client.force_login(editor)

    response = preview(client, critic_user.critic)

    notes = {row.label: row.note for row in response.context["film_rows"]}
    assert notes["Title"].startswith("matches the film Harbor Lights")
    assert notes["MPAA rating"] == "kept: the film already says “PG-13”"
    assert notes["Running time"] == "the film already says so"
    assert notes["Where playing"] == ""


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302 and "/login/" in response["Location"]
