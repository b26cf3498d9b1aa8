"""Placing a review's stills by picture in its admin: the page, the save under the review's
version lock, every kind of bad input answered on the page; and the pictures in the
stills inline and on a still's admin page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from reviews.models import Review
from reviews.stills.processing import make_renditions
from tests import factories
from tests.admin_forms import form_data
from tests.helpers import review_change_url

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Damien Chazelle’s musical opens on a freeway ramp in Los Angeles, where the cars "
    "stand still and the drivers sing.</p>"
    "<blockquote><p>City of stars, are you shining just for me?</p></blockquote>"
    "<p>Emma Stone plays Mia.</p>"
)


@pytest.fixture
def review():
    review = factories.ReviewFactory(
        headline="Sung in Traffic", body=BODY, lead_still=factories.PhotoFactory(caption="Lead.")
    )
    for order, (after, caption) in enumerate([(1, "Freeway."), (1, "Stars."), (3, "Mia.")]):
        factories.ReviewStillFactory(
            review=review, after_paragraph=after, order=order, photo__caption=caption
        )
    return review


def url(review: Review) -> str:
    return reverse("admin:reviews_review_placement", args=[review.pk])


def placement(review: Review, caption: str):
    return review.placements.get(photo__caption=caption)


def arrangement(review: Review) -> list[tuple[str, int, int]]:
    return list(
        review.placements.order_by("after_paragraph", "order").values_list(
            "photo__caption", "after_paragraph", "order"
        )
    )


def sent(review: Review, **fields) -> dict:
    """The page's form as the browser sends it, as stored, with ``fields`` changed."""
    data = {"version": str(review.version)}
    for p in review.placements.all():
        data |= {f"after_{p.pk}": str(p.after_paragraph), f"order_{p.pk}": str(p.order)}
    return data | fields


def test_page_lists_the_paragraphs_by_their_first_words_with_the_stills_between(
    client, editor, review
):
    client.force_login(editor)
    response = client.get(url(review))
    assert response.status_code == 200
    page = response.content.decode()
    rows = [
        item.paragraph.opening if item.paragraph else item.placement.photo.caption
        for item in response.context["form"].items()
    ]
    assert rows == [
        "Damien Chazelle’s musical opens on a freeway ramp in Los Angeles, where…",
        "Freeway.",
        "Stars.",
        "City of stars, are you shining just for me?",
        "Emma Stone plays Mia.",
        "Mia.",
    ]
    for caption in ["Freeway.", "Stars.", "Mia."]:
        still = placement(review, caption).photo
        assert f'src="{still.image.url}"' in page
        assert f'alt="{still.alt_text}"' in page
    # Each still's place is chosen by the paragraph's words, not by a number to count.
    assert "After ¶2: “City of stars, are you shining just for me?”" in page
    assert '<button type="button" class="button" data-move="up">Move up</button>' in page
    assert "js/admin_placement.js" in page


def test_review_change_page_links_to_the_placement_page(client, editor, review):
    client.force_login(editor)
    page = client.get(review_change_url(review)).content.decode()
    link = page[page.index(f'<a href="{url(review)}"') :]
    assert link[: link.index("</a>")].split() == [
        "<a",
        f'href="{url(review)}"',
        "data-leaves-form>Place",
        "stills",
        "by",
        "picture",
    ]


def test_saving_writes_after_paragraph_and_order_and_raises_the_version(client, editor, review):
    client.force_login(editor)
    mia, freeway = placement(review, "Mia."), placement(review, "Freeway.")
    data = sent(review, **{f"after_{mia.pk}": "0", f"order_{mia.pk}": "0",
                           f"after_{freeway.pk}": "3", f"order_{freeway.pk}": "0"})  # fmt: skip
    response = client.post(url(review), data)
    assert response.status_code == 302
    assert response["Location"] == url(review)
    assert arrangement(review) == [("Mia.", 0, 0), ("Stars.", 1, 1), ("Freeway.", 3, 0)]
    stored = Review.objects.get(pk=review.pk)
    assert stored.version == review.version + 1
    latest = Version.objects.get_for_object(stored).first()
    assert latest.revision.comment == "Stills placed by picture."
    assert latest.revision.user == editor


def test_saved_placement_is_the_order_on_the_public_page(client, editor, review):
    review.status, review.published_at = "published", review.created_at
    review.save()
    client.force_login(editor)
    mia = placement(review, "Mia.")
    client.post(url(review), sent(review, **{f"after_{mia.pk}": "0"}))
    client.logout()
    page = client.get(review.get_absolute_url()).content.decode()
    body = page[page.index('class="review__body"') :]
    positions = [body.index(text) for text in ["Mia.", "Damien Chazelle", "Freeway.", "Stars.",
                                                "City of stars"]]  # fmt: skip
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("after", "9", "Choose one of the places between the paragraphs (9 is none of them)."),
        ("after", "two", "Choose one of the places between the paragraphs (two is none of them)."),
        ("after", None, "No place was sent for this still: choose one."),
        ("order", "-1", "Ensure this value is greater than or equal to 0."),
        ("order", "first", "The order of this still must be a whole number."),
        ("order", "99999", "Ensure this value is less than or equal to 32767."),
    ],
)
def test_bad_place_is_a_clear_error_and_nothing_is_saved(
    client, editor, review, field, value, message
):
    client.force_login(editor)
    before = arrangement(review)
    mia, stars = placement(review, "Mia."), placement(review, "Stars.")
    data = sent(review, **{f"after_{stars.pk}": "0"})  # a move that must not be lost
    if value is None:
        del data[f"{field}_{mia.pk}"]
    else:
        data[f"{field}_{mia.pk}"] = value
    response = client.post(url(review), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Not saved: please correct the places marked below." in page
    assert arrangement(review) == before
    assert Review.objects.get(pk=review.pk).version == review.version
    # What was sent is what the page shows again: "Stars." above the first paragraph.
    rows = response.context["form"].items()
    assert rows[0].placement == stars


def test_a_still_not_in_the_review_is_a_clear_error(client, editor, review):
    client.force_login(editor)
    other = factories.ReviewStillFactory()
    response = client.post(url(review), sent(review, **{f"after_{other.pk}": "1"}))
    assert response.status_code == 400
    assert "A still that is not placed in this review was sent" in response.content.decode()
    assert other.__class__.objects.get(pk=other.pk).after_paragraph == 1


def test_missing_version_is_a_clear_error(client, editor, review):
    client.force_login(editor)
    data = sent(review)
    del data["version"]
    response = client.post(url(review), data)
    assert response.status_code == 400
    assert "This page does not say which version of the review it was loaded with" in (
        response.content.decode()
    )


def test_save_over_a_newer_version_is_refused_and_the_arrangement_is_kept(client, editor, review):
    client.force_login(editor)
    mia = placement(review, "Mia.")
    stale = sent(review, **{f"after_{mia.pk}": "0"})
    review.body = "<p>A new first paragraph.</p>" + BODY
    review.save()  # someone else's save meanwhile
    before = arrangement(review)
    response = client.post(url(review), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Not saved: the review was saved by someone else while you placed its stills" in page
    assert arrangement(review) == before
    form = response.context["form"]
    # The saved paragraphs, with the arrangement that was sent, and the saved version.
    assert form.paragraphs[0].opening == "A new first paragraph."
    assert form.items()[0].placement == mia
    assert int(form["version"].value()) == Review.objects.get(pk=review.pk).version
    # Saving again, deliberately, works.
    again = sent(Review.objects.get(pk=review.pk), **{f"after_{mia.pk}": "0"})
    assert client.post(url(review), again).status_code == 302
    assert arrangement(review)[0] == ("Mia.", 0, mia.order)


def test_change_form_loaded_before_a_placement_is_refused_as_a_conflict(client, editor, review):
    client.force_login(editor)
    loaded = form_data(client.get(review_change_url(review)))
    client.post(url(review), sent(review))
    response = client.post(review_change_url(review), loaded | {"headline": "Mine"})
    assert response.status_code == 200
    assert "saved this review while you were editing it" in response.content.decode()
    assert Review.objects.get(pk=review.pk).headline == "Sung in Traffic"


def test_only_those_who_may_change_the_review_place_its_stills(
    client, critic_user, photo_desk, review
):
    client.force_login(critic_user)  # not their review
    assert client.get(url(review)).status_code == 404
    own = factories.ReviewFactory(critic=critic_user.critic, status="in_review")
    assert client.get(url(own)).status_code == 403  # submitted: the desk's now
    own.status = "draft"
    own.save()
    assert client.get(url(own)).status_code == 200
    client.force_login(photo_desk)
    assert client.get(url(review)).status_code in (403, 404)
    assert client.post(url(review), sent(review)).status_code in (403, 404)
    assert Review.objects.get(pk=review.pk).version == review.version


def test_page_says_which_still_leads_when_none_is_chosen(client, editor, review):
    review.lead_still = None
    review.save()
    client.force_login(editor)
    page = client.get(url(review)).content.decode()
    assert "its first still in the body, as no lead photo is chosen" in page
    assert page.count("Leads the review: shown above it, not here in the body.") == 1
    lead_row = page.index("Leads the review")
    assert page.rfind("Freeway.", 0, lead_row) > page.rfind("Stars.", 0, lead_row)


def test_review_without_stills_says_where_to_add_them(client, editor):
    client.force_login(editor)
    bare = factories.ReviewFactory()
    page = client.get(url(bare)).content.decode()
    assert "This review has no stills in its body yet" in page


# Pictures in the admin ----------------------------------------------------------------------


def test_stills_inline_shows_each_still_as_a_small_picture(client, editor, review):
    still = placement(review, "Mia.").photo
    make_renditions(still)
    client.force_login(editor)
    page = client.get(review_change_url(review)).content.decode()
    smallest = still.renditions.filter(format="jpeg", spec__startswith="w").order_by("width")[0]
    assert f'<img src="{smallest.file.url}" alt="{still.alt_text}"' in page
    assert page.count('style="max-width:120px;max-height:120px') == 3


def test_still_admin_page_draws_both_crops_over_the_picture(client, editor):
    still = factories.PhotoFactory(focal_x=0.2, focal_y=0.7)
    client.force_login(editor)
    page = client.get(reverse("admin:reviews_photo_change", args=[still.pk])).content.decode()
    assert 'data-crop="card"' in page and 'data-crop="social"' in page
    assert 'data-x="0.200000"' in page and 'data-y="0.700000"' in page
    assert "js/still_focal.js" in page


def test_still_whose_rights_expired_says_readers_do_not_see_it(client, editor, review):
    still = placement(review, "Stars.").photo
    still.usage_expires = timezone.localdate() - datetime.timedelta(days=1)
    still.save()
    client.force_login(editor)
    page = client.get(url(review)).content.decode()
    assert page.count("Its rights have expired: readers do not see it.") == 1
    assert "data-first-leads" not in page  # the review chose its lead
