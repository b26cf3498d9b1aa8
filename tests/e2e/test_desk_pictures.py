"""The desk sees what it handles: thumbnails before upload, the crops drawn over the still
as its focal point moves, and stills placed in a review by picture."""

import base64
import json

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import AXE_JS
from tests.e2e.test_desk_upload import DROP_FILE, log_in
from tests.images import picture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def serious_violations_here(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands now."""
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    assert result["passes"]
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_each_chosen_file_shows_its_picture_beside_its_caption_before_upload(
    page, live_server, photo_desk
):
    log_in(page, live_server, photo_desk.username, "/desk/upload/")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else 0)
    page.set_input_files(
        "[data-pick]",
        files=[
            {"name": "wide.jpg", "mimeType": "image/jpeg", "buffer": picture("JPEG", (600, 300))},
            {"name": "tall.png", "mimeType": "image/png",
             "buffer": picture("PNG", (200, 500), "green")},
        ],
    )  # fmt: skip
    dropped = base64.b64encode(picture("JPEG", (320, 320), "blue")).decode()
    page.evaluate(DROP_FILE, ["square.jpg", "image/jpeg", dropped])

    cards = page.locator("[data-still]")
    expect(cards).to_have_count(3)
    expected = {"wide.jpg": (600, 300), "tall.png": (200, 500), "square.jpg": (320, 320)}
    for card in cards.all():
        name = card.locator("legend").inner_text()
        thumb = card.locator("[data-thumb]")
        expect(thumb).to_have_attribute("alt", f"Preview of {name}")
        assert thumb.get_attribute("src").startswith("blob:")
        # The picture itself, decoded by the browser from the chosen file.
        thumb.evaluate("img => img.decode()")
        size = thumb.evaluate("img => [img.naturalWidth, img.naturalHeight]")
        assert tuple(size) == expected[name]
        # Drawn whole in a small box, a tall one as small as a wide one.
        box = thumb.bounding_box()
        assert box["height"] <= 130 and box["width"] <= 130
        caption = card.locator("[name$='-caption']").bounding_box()
        assert caption["x"] >= box["x"] + box["width"]
        assert caption["y"] < box["y"] + box["height"]
    # Nothing was uploaded: only the metadata reader was asked about each file (a JPEG's
    # head only), for the credit and rights it carries.
    assert [url for url in posts if not url.endswith("/desk/upload/metadata/")] == []
    assert page.errors == []  # the CSP let the object URLs show
    found = serious_violations_here(page)
    assert not found, json.dumps(found, indent=2)


def _saved_still(size, **fields):
    from reviews.models import Photo
    from reviews.stills import services
    from tests.images import upload

    photo = Photo(caption="Mia.", credit_line="Lionsgate", alt_text="A pianist.", **fields)
    return services.save_still(photo, upload(picture("JPEG", size)))


def _drawn_crops(page) -> dict[str, tuple[float, float, float, float]]:
    """Each crop outline as (left, top, width, height), in fractions of the picture, once
    the picture has loaded and the outlines have been laid over it (on a busy machine the
    page can be read before either)."""
    page.wait_for_function(
        "() => { const i = document.querySelector('[data-focal-image]');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    image = page.locator("[data-focal-image]").bounding_box()
    drawn = {}
    for name in ("card", "social"):
        outline = page.locator(f"[data-crop={name}]")
        expect(outline).to_be_visible()
        box = outline.bounding_box()
        drawn[name] = (
            (box["x"] - image["x"]) / image["width"],
            (box["y"] - image["y"]) / image["height"],
            box["width"] / image["width"],
            box["height"] / image["height"],
        )
    return drawn


def _cut_crops(width: int, height: int, fx: float, fy: float) -> dict:
    """Where the renditions cut the crops (reviews/stills/processing.py), as fractions."""
    from reviews.stills.processing import CROPS, crop_box

    cut = {}
    for name, crop in CROPS.items():
        left, top, right, bottom = crop_box(width, height, crop, fx, fy)
        cut[name] = (left / width, top / height, (right - left) / width, (bottom - top) / height)
    return cut


def _assert_same(drawn: dict, cut: dict) -> None:
    for name in cut:
        assert drawn[name] == pytest.approx(cut[name], abs=0.01), name


def test_both_crops_are_drawn_over_the_still_and_follow_the_focal_point_on_the_desk(
    page, live_server, photo_desk
):
    photo = _saved_still((400, 200))
    log_in(page, live_server, photo_desk.username, f"/desk/stills/{photo.pk}/")
    _assert_same(_drawn_crops(page), _cut_crops(400, 200, 0.5, 0.5))

    image = page.locator("[data-focal-image]")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.5})
    fx = float(page.locator("input[name=focal_x]").input_value())
    assert fx == pytest.approx(0.9, abs=0.01)
    moved = _drawn_crops(page)
    _assert_same(moved, _cut_crops(400, 200, fx, 0.5))
    assert moved["social"][0] > 0.45  # the square went right with the focal point

    page.fill("input[name=focal_x]", "0.1")
    _assert_same(_drawn_crops(page), _cut_crops(400, 200, 0.1, 0.5))
    assert page.errors == []


def test_portrait_still_is_drawn_at_a_sensible_height_with_its_crops_in_the_admin(
    page, live_server, editor
):
    photo = _saved_still((300, 900), focal_y=0.25)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, editor.username, f"/admin/reviews/photo/{photo.pk}/change/")
    image = page.locator("[data-focal-image]").bounding_box()
    assert image["height"] <= 0.7 * 800 + 1
    assert image["width"] == pytest.approx(image["height"] / 3, abs=2)
    _assert_same(_drawn_crops(page), _cut_crops(300, 900, 0.5, 0.25))

    page.fill("input[name=focal_y]", "0.75")
    _assert_same(_drawn_crops(page), _cut_crops(300, 900, 0.5, 0.75))
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    photo.refresh_from_db()
    assert photo.focal_y == pytest.approx(0.75)
    _assert_same(_drawn_crops(page), _cut_crops(300, 900, 0.5, 0.75))
    assert page.errors == []


PLACEMENT_BODY = (
    "<p>The freeway opens the film.</p><p>Then the stars.</p><p>Then Mia.</p><p>The end.</p>"
)


def _review_with_three_stills():
    from django.utils import timezone

    from tests import factories

    review = factories.ReviewFactory(
        status="published",
        published_at=timezone.now(),
        body=PLACEMENT_BODY,
        lead_still=factories.PhotoFactory(caption="The lead."),
    )
    for order, (after, caption) in enumerate([(1, "Freeway."), (2, "Stars."), (3, "Mia.")]):
        factories.ReviewStillFactory(
            review=review, after_paragraph=after, order=order, photo__caption=caption
        )
    return review


def _public_order(page, review) -> list[str]:
    page.goto(review.get_absolute_url())
    body = page.locator(".review__body")
    return body.locator("figcaption, p").evaluate_all(
        "nodes => nodes.map(n => n.tagName === 'P' ? n.textContent.trim() :"
        " n.childNodes[0].textContent.trim())"
    )


def test_placing_stills_by_picture_with_the_keyboard_and_by_dragging(page, live_server, editor):
    review = _review_with_three_stills()
    log_in(page, live_server, editor.username, f"/admin/reviews/review/{review.pk}/change/")
    page.click("text=Place stills by picture")
    page.wait_for_url(f"**/admin/reviews/review/{review.pk}/placement/")
    stills = page.locator("[data-still]")
    expect(stills).to_have_count(3)
    for still in stills.all():
        expect(still.locator("img")).to_be_visible()
    found = serious_violations_here(page)
    assert not found, json.dumps(found, indent=2)

    # "Mia." up past "Then Mia.", "Stars." and "Then the stars.", by keyboard alone: it
    # now follows "Freeway." after the first paragraph.
    mia = page.locator("[data-still][data-caption='Mia.']")
    mia.locator("[data-move=up]").focus()
    for _ in range(3):
        page.keyboard.press("Enter")
    expect(mia.locator("[data-after]")).to_have_value("1")
    expect(mia.locator("[data-order]")).to_have_value("1")
    expect(page.locator("[data-announce]")).to_contain_text("“Mia.”: After ¶1")
    # Focus stayed on the button that moved with its still.
    assert mia.locator("[data-move=up]").evaluate("b => b === document.activeElement")

    # "Freeway." dragged below "The end."
    page.locator("[data-still][data-caption='Freeway.']").drag_to(
        page.locator("[data-paragraph='4']"),
        source_position={"x": 30, "y": 30},  # on its picture
        target_position={"x": 20, "y": 30},  # the lower half of "The end."
    )
    expect(page.locator("[data-still][data-caption='Freeway.'] [data-after]")).to_have_value("4")

    page.click("input[type=submit][value='Save placement']")
    expect(page.locator(".messagelist .success")).to_contain_text("The stills are placed")
    assert _public_order(page, review) == [
        "The freeway opens the film.",
        "Mia.",
        "Then the stars.",
        "Stars.",
        "Then Mia.",
        "The end.",
        "Freeway.",
    ]
    assert page.errors == []


def test_without_a_lead_photo_the_note_follows_the_first_still(page, live_server, editor):
    review = _review_with_three_stills()
    review.lead_still = None
    review.save()
    log_in(page, live_server, editor.username, f"/admin/reviews/review/{review.pk}/placement/")
    note = page.locator("[data-lead-note]")
    expect(note).to_have_count(1)
    expect(page.locator("[data-still][data-caption='Freeway.'] [data-lead-note]")).to_be_visible()
    stars = page.locator("[data-still][data-caption='Stars.']")
    stars.locator("[data-move=up]").click()
    stars.locator("[data-move=up]").click()  # above "Freeway.", under the first paragraph
    expect(stars.locator("[data-lead-note]")).to_be_visible()
    expect(note).to_have_count(1)
    page.click("input[type=submit][value='Save placement']")
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(review.get_absolute_url())
    expect(page.locator(".still--lead figcaption")).to_contain_text("Stars.")
    expect(page.locator(".review__body figcaption")).to_have_count(2)
