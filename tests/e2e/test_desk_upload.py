import base64

import pytest
from playwright.sync_api import expect

from reviews.models import Photo
from reviews.stills.desk.forms import BATCH_LIMIT
from tests.images import picture
from tests.stills.test_storage_faults import FaultyStorage, faulty  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DROP_FILE = """([name, type, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type }));
  const zone = document.querySelector("[data-drop]");
  const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
  zone.dispatchEvent(new DragEvent("drop", init));
}"""


def log_in(page, live_server, username: str, next_url: str) -> None:
    page.goto(f"{live_server.url}{next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")


def test_three_files_one_bad_saves_two_and_shows_one_clear_error(page, live_server, photo_desk):
    log_in(page, live_server, photo_desk.username, "/desk/upload/")
    expect(page.locator("[data-drop]")).to_be_visible()
    page.set_input_files(
        "[data-pick]",
        files=[
            {"name": "mia.jpg", "mimeType": "image/jpeg", "buffer": picture("JPEG", (600, 400))},
            {"name": "not-a-photo.jpg", "mimeType": "image/jpeg",
             "buffer": b"<html><script>alert(1)</script></html>"},
        ],
    )  # fmt: skip
    dropped = base64.b64encode(picture("PNG", (300, 300), "green")).decode()
    page.evaluate(DROP_FILE, ["sebastian.png", "image/png", dropped])
    cards = page.locator("[data-still]")
    expect(cards).to_have_count(3)
    for n, card in enumerate(cards.all()):
        card.locator("[name$='-caption']").fill(f"Still number {n}.")
        card.locator("[name$='-credit_line']").fill("Dale Robinette/Lionsgate")
        card.locator("[name$='-alt_text']").fill(f"What still {n} shows.")

    page.click("button[type=submit]")

    expect(page.locator("[data-still][data-saved]")).to_have_count(2)
    failed = page.locator(".desk-still--failed")
    expect(failed).to_have_count(1)
    expect(failed.locator("legend")).to_have_text("not-a-photo.jpg")
    expect(failed.locator("[data-status]")).to_contain_text(
        "Image: This file is HTML or script text disguised as an image"
    )
    expect(failed.locator("input[type=file].is-invalid + [data-field-error]")).to_contain_text(
        "disguised as an image"
    )
    for card in page.locator("[data-still][data-saved]").all():
        assert card.locator("[data-progress]").evaluate("bar => bar.value") == 100
    assert sorted(Photo.objects.values_list("caption", flat=True)) == [
        "Still number 0.",
        "Still number 2.",
    ]


def test_clicking_the_picture_sets_the_focal_point(page, live_server, photo_desk):
    from reviews.stills import services
    from tests.images import upload

    photo = services.save_still(
        Photo(caption="Mia.", credit_line="Lionsgate", alt_text="A pianist."),
        upload(picture("JPEG", (400, 200))),
    )
    log_in(page, live_server, photo_desk.username, f"/desk/stills/{photo.pk}/")
    image = page.locator("[data-focal-image]")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    expect(page.locator("[data-focal-marker]")).to_be_visible()
    page.click("form:not(.desk-delete) button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("Saved")
    photo.refresh_from_db()
    assert abs(photo.focal_x - 0.25) < 0.02 and abs(photo.focal_y - 0.75) < 0.02
    assert photo.renditions.filter(spec="social").count() == 2


def fill_card(card, n: int, alt_text: str = "") -> None:
    card.locator("[name$='-caption']").fill(f"Still number {n}.")
    card.locator("[name$='-credit_line']").fill("Dale Robinette/Lionsgate")
    card.locator("[name$='-alt_text']").fill(alt_text or f"What still {n} shows.")


@pytest.mark.usefixtures("faulty")
def test_a_still_storage_refused_says_why_and_is_sent_again_alone(page, live_server, photo_desk):
    log_in(page, live_server, photo_desk.username, "/desk/upload/")
    page.set_input_files(
        "[data-pick]",
        files=[
            {"name": f"{name}.jpg", "mimeType": "image/jpeg", "buffer": picture("JPEG", (500, 300))}
            for name in ("mia", "sebastian")
        ],
    )
    cards = page.locator("[data-still]")
    expect(cards).to_have_count(2)
    for n, card in enumerate(cards.all()):
        fill_card(card, n)
    expect(page.locator("[data-retry]:visible")).to_have_count(0)
    FaultyStorage.unwritable.add("stills")

    page.click("button[type=submit]")

    failed = page.locator(".desk-still--failed")
    expect(failed).to_have_count(2)
    expect(failed.first.locator("[data-status]")).to_contain_text(
        "The picture could not be stored: the media storage refused it (permission denied). "
        "Nothing was saved; try again in a moment."
    )
    assert not Photo.objects.exists()
    FaultyStorage.unwritable.clear()

    page.get_by_role("button", name="Upload sebastian.jpg again").click()

    sebastian = page.locator("[data-still]", has=page.locator("legend", has_text="sebastian.jpg"))
    expect(sebastian).to_have_attribute("data-saved", "")
    expect(sebastian.locator("[data-status]")).to_contain_text("Saved: Still number 1.")
    expect(sebastian.locator("[data-retry]")).to_be_hidden()
    expect(page.locator(".desk-still--failed")).to_have_count(1)  # mia still waits for hers
    assert list(Photo.objects.values_list("caption", flat=True)) == ["Still number 1."]


def test_a_still_refused_for_a_field_is_corrected_and_sent_again_alone(
    page, live_server, photo_desk
):
    log_in(page, live_server, photo_desk.username, "/desk/upload/")
    page.set_input_files(
        "[data-pick]",
        files=[{"name": "mia.jpg", "mimeType": "image/jpeg", "buffer": picture("JPEG")}],
    )
    card = page.locator("[data-still]")
    fill_card(card, 0)
    card.locator("[name$='-alt_text']").fill("")
    page.click("button[type=submit]")
    expect(card.locator("[data-status]")).to_contain_text("Alt text: This field is required.")

    card.locator("[name$='-alt_text']").fill("A woman at a piano.")
    page.get_by_role("button", name="Upload mia.jpg again").click()

    expect(card).to_have_attribute("data-saved", "")
    assert Photo.objects.get().alt_text == "A woman at a piano."


DROP_FILES = """([names, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  names.forEach((name) => transfer.items.add(new File([bytes], name, { type: "image/jpeg" })));
  const zone = document.querySelector("[data-drop]");
  const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
  zone.dispatchEvent(new DragEvent("drop", init));
}"""


def test_the_page_script_adds_no_more_than_the_limit_and_names_the_rest(
    page, live_server, photo_desk
):
    log_in(page, live_server, photo_desk.username, "/desk/upload/")
    data = base64.b64encode(picture()).decode()
    names = [f"still-{n:02d}.jpg" for n in range(BATCH_LIMIT + 3)]
    page.evaluate(DROP_FILES, [names, data])
    assert page.locator("[data-still]").count() == BATCH_LIMIT
    error = page.locator("[data-batch-error]")
    assert error.is_visible()
    text = error.text_content()
    assert f"at most {BATCH_LIMIT} stills" in text
    assert all(name in text for name in names[BATCH_LIMIT:])
    assert names[BATCH_LIMIT - 1] not in text
    assert page.errors == []
