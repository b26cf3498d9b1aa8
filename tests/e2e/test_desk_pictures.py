"""The desk sees what it handles: thumbnails before upload, the crops drawn over the still
as its focal point moves, and stills placed in a review by picture."""

import base64

import pytest
from playwright.sync_api import expect

from tests.e2e.test_desk_upload import DROP_FILE, log_in
from tests.images import picture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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
    assert posts == []  # nothing was sent
    assert page.errors == []  # the CSP let the object URLs show
