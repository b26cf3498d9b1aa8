"""The front page and the review page in Chromium: stills drawn by their shape, the trailer's
poster frame from our own server, the fonts shipped with the site, and the page as printed."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REVIEW = "/reviews/la-la-land-review/"
PORTRAIT_CAP_PX = 34 * 16  # reviews/stills/pictures.py PORTRAIT_MAX_HEIGHT_REM

BODY_STILLS = """() => {
  const body = document.querySelector('.review__body').getBoundingClientRect();
  return [...document.querySelectorAll('.review__body figure.still')].map((figure) => {
    const picture = figure.querySelector('img').getBoundingClientRect();
    const caption = figure.querySelector('figcaption').getBoundingClientRect();
    return {
      portrait: figure.classList.contains('still--portrait'),
      width: picture.width, height: picture.height,
      left: picture.left - body.left, right: body.right - picture.right,
      caption: caption.width, column: body.width,
    };
  });
}"""


@pytest.mark.parametrize("width", [390, 1366])
def test_portrait_stills_are_capped_and_centred_and_landscape_ones_fill_the_column(
    browser, live_server, demo, width
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(REVIEW)
    stills = page.evaluate(BODY_STILLS)
    portraits = [still for still in stills if still["portrait"]]
    landscapes = [still for still in stills if not still["portrait"]]
    assert portraits and landscapes, stills
    for still in portraits:
        assert still["height"] <= PORTRAIT_CAP_PX + 1, still
        assert abs(still["left"] - still["right"]) <= 1, still  # centred in the column
        assert still["caption"] <= still["width"] + 1, still  # no wider than the picture
    for still in landscapes:
        assert abs(still["width"] - still["column"]) <= 1, still
    if width == 1366:
        assert portraits[0]["width"] < portraits[0]["column"] * 0.7
    context.close()


def test_the_trailer_shows_our_poster_frame_and_asks_the_video_site_for_nothing(page, demo):
    page.goto(REVIEW)
    poster = page.locator(".trailer__play .poster img")
    poster.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('.trailer__play .poster img');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    assert poster.evaluate("img => new URL(img.currentSrc).origin") == page.evaluate(
        "location.origin"
    )
    button = page.get_by_role("button", name="Play the trailer")
    assert button.is_visible()
    assert page.locator("iframe").count() == 0
    assert page.outside_requests == []
    assert page.errors == []


def test_the_sites_own_fonts_are_used_and_come_from_the_site(page, demo):
    page.goto("/")
    page.evaluate("async () => { await document.fonts.ready; }")
    loaded = page.evaluate(
        "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert {'"Source Serif 4"', '"Source Sans 3"'} <= {f'"{n.strip(chr(34))}"' for n in loaded}
    body = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert body.startswith('"Source Serif 4"')
    assert page.outside_requests == []


def test_the_review_prints_text_stills_with_credits_and_facts_without_navigation(page, demo):
    page.goto(REVIEW)
    page.emulate_media(media="print")
    for hidden in [".masthead__nav", ".masthead__search", ".site-footer", ".trailer__player"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".facts").is_visible()
    assert page.locator(".review__body figure figcaption .credit").first.is_visible()
    assert page.locator("h1").is_visible()
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("width", [390, 768])
def test_the_facts_and_the_credits_line_up_in_one_label_column(browser, live_server, demo, width):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(REVIEW)
    lefts = page.evaluate(
        "() => [...document.querySelectorAll('.facts dd')]"
        ".map(dd => Math.round(dd.getBoundingClientRect().left))"
    )
    assert len(lefts) > 8 and len(set(lefts)) == 1, lefts
    labels = page.locator(".facts .credits dt").all_inner_texts()
    assert "Producers" in labels and "Producer" not in labels
    context.close()
