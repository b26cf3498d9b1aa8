"""A reader's path through the site, in Chromium."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_follows_a_review_sees_captions_plays_nothing_until_clicked_and_searches(page, demo):
    page.goto("/")
    page.get_by_role("link", name="‘La La Land’ Is a Love Letter Sung in Traffic").first.click()
    page.wait_for_url("**/reviews/la-la-land-review/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("‘La La Land’")

    captions = page.locator("figure figcaption").all_inner_texts()
    assert any("Emma Stone as aspiring actress Mia." in text for text in captions)
    credits = page.locator("figure figcaption .credit").all_inner_texts()
    assert credits and all(c.upper() == "DALE ROBINETTE/LIONSGATE" for c in credits)

    # Nothing from the video site before the click; the player is asked for after it.
    assert page.locator("iframe").count() == 0
    assert not [url for url in page.outside_requests if "youtube" in url]
    # The click makes the request; wait for it to go out rather than race it.
    with page.expect_request(lambda request: "youtube-nocookie.com/embed/" in request.url):
        page.get_by_role("button", name="Play the trailer").click()
    frame = page.locator(".trailer__player iframe")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert page.errors == []

    page.get_by_label("Search reviews, films and people").fill("la la land")
    page.get_by_label("Search reviews, films and people").press("Enter")
    page.wait_for_url("**/search/?q=la+la+land")
    page.get_by_role("link", name="La La Land").first.click()
    page.wait_for_url("**/films/la-la-land-2016/")
    assert "La La Land" in page.get_by_role("heading", level=1).inner_text()


def test_archive_filters_work_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/reviews/")
    page.get_by_label("Genre").select_option(label="Musical")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/reviews/?genre=musical*")
    headlines = page.locator(".card__headline").all_inner_texts()
    assert "‘La La Land’ Is a Love Letter Sung in Traffic" in headlines
    context.close()
