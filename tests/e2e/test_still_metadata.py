"""A chosen file's own credit and rights fill the empty fields before upload, marked "from
the file", in the desk's upload form and the admin's still form."""

import pytest
from playwright.sync_api import expect

from reviews.models import Photo
from tests.e2e.test_desk_upload import log_in
from tests.images import studio_still

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STUDIO_FILE = {"name": "mia.jpg", "mimeType": "image/jpeg", "buffer": studio_still("IPTC")}


def test_desk_upload_fills_the_card_from_the_file_and_the_editor_confirms(
    page, live_server, photo_desk
):
    log_in(page, live_server, photo_desk.username, "/desk/upload/")
    page.set_input_files("[data-pick]", files=[STUDIO_FILE])
    card = page.locator("[data-still]")
    credit = card.locator("[name$='-credit_line']")
    expect(credit).to_have_value("Dale Robinette/Lionsgate")
    expect(credit).to_have_attribute("data-from-file", "IPTC")
    expect(card.locator("[name$='-caption'] + [data-from-file-mark]")).to_have_text(
        "From the file (IPTC): check it."
    )
    expect(card.locator("[name$='-usage_expires']")).to_have_value("2027-06-30")
    credit.fill("Dale Robinette/Lionsgate Films")  # the editor's word takes the mark away
    expect(card.locator("[name$='-credit_line'] + [data-from-file-mark]")).to_have_count(0)
    card.locator("[name$='-alt_text']").fill("A woman at a piano.")
    page.click("button[type=submit]")
    expect(page.locator("[data-still][data-saved]")).to_have_count(1)
    photo = Photo.objects.get()
    assert photo.credit_line == "Dale Robinette/Lionsgate Films"
    assert photo.caption == "Emma Stone as Mia in “La La Land.”"


def test_admin_still_form_fills_from_the_chosen_file(page, live_server, editor):
    log_in(page, live_server, editor.username, "/admin/reviews/photo/add/")
    page.set_input_files("#id_image", files=[STUDIO_FILE])
    expect(page.locator("#id_credit_line")).to_have_value("Dale Robinette/Lionsgate")
    expect(page.locator("#id_rights_holder")).to_have_value("Lionsgate")
    expect(page.locator("#id_credit_line + [data-from-file-mark]")).to_have_text(
        "From the file (IPTC): check it."
    )
