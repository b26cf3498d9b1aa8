"""Layout in a real browser: no sideways scrolling on a phone or at 200 % zoom, the review's
facts box beside the text on a wide screen and after it on a phone, and the photo desk's
pages free of serious accessibility faults (contrast of its fields included)."""

import json

import pytest

from reviews.models import Photo
from tests.e2e.conftest import serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    "/",
    "/reviews/la-la-land-review/",
    "/films/la-la-land-2016/",
    "/people/emma-stone/",
    "/critics/harriet-vance/",
    "/reviews/?genre=drama&stars=3",
    "/search/?q=love",
    "/no-such-page/",
]
# A 390-pixel phone, and a 1280-pixel window zoomed to 200 % (640 CSS pixels, 2x density).
SCREENS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}
BOX = "selector => document.querySelector(selector).getBoundingClientRect().toJSON()"


def test_pages_never_scroll_sideways_on_a_phone_or_at_200_percent_zoom(browser, live_server, demo):
    too_wide = {}
    for screen, options in SCREENS.items():
        context = browser.new_context(base_url=live_server.url, **options)
        page = context.new_page()
        for path in PAGES:
            page.goto(path)
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                too_wide[f"{screen} {path}"] = f"{scroll}px of content in {client}px"
        context.close()
    assert not too_wide, json.dumps(too_wide, indent=2)


def test_review_facts_box_is_beside_the_text_on_a_wide_screen_and_after_it_on_a_phone(
    browser, live_server, demo
):
    path = "/reviews/la-la-land-review/"
    wide = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = wide.new_page()
    page.goto(path)
    text, facts = page.evaluate(BOX, ".review__body"), page.evaluate(BOX, ".facts")
    assert facts["left"] >= text["right"]
    assert facts["top"] < text["top"]  # level with the lead photo, not below the text
    wide.close()

    phone = browser.new_context(base_url=live_server.url, **SCREENS["phone"])
    page = phone.new_page()
    page.goto(path)
    text, facts = page.evaluate(BOX, ".review__body"), page.evaluate(BOX, ".facts")
    assert facts["top"] >= text["bottom"]
    phone.close()


def test_photo_desk_pages_have_no_serious_accessibility_violations(
    page, live_server, demo, photo_desk
):
    still = Photo.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/desk/")
    page.fill("#id_username", photo_desk.username)
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/desk/")
    found = serious_accessibility_violations(
        page,
        [
            "/desk/",
            "/desk/?q=nothing-matches",
            "/desk/upload/",
            f"/desk/stills/{still.pk}/",
        ],
    )
    assert not found, json.dumps(found, indent=2)


def test_tapping_a_cards_picture_opens_its_review(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, **SCREENS["phone"])
    page = context.new_page()
    page.goto("/reviews/?genre=musical")
    card = page.locator(".card").filter(has_text="La La Land").first
    # Playwright clicks the card where its picture is; the headline's link covers the card.
    picture = card.locator("img").bounding_box()
    card_box = card.bounding_box()
    card.click(position={"x": 10, "y": picture["y"] - card_box["y"] + 10})
    page.wait_for_url("**/reviews/la-la-land-review/")
    context.close()
