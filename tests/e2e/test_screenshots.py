"""The layout at 390 and 1,366 pixels compared with reviewed screenshots.

A changed layout is a reviewed change, not an accident: ``make screenshots`` takes the
references again (tests/e2e/screenshots/), and the diff of those pictures is reviewed with the
change. Dates, which move with the clock, are masked; the week's openings are put in this
week; every picture is loaded before the shot. A page that differs by more than a trace of
anti-aliasing fails, and its screenshot and the difference are left in bench/results/.
"""

import io
import os
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image, ImageChops

from reviews.models import Film

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REFERENCES = Path(__file__).resolve().parent / "screenshots"
RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results" / "screenshots"
UPDATE = os.environ.get("NEWSROOM_UPDATE_SCREENSHOTS") == "1"
PAGES = {
    "home": "/",
    "review": "/reviews/la-la-land-review/",
    "film": "/films/la-la-land-2016/",
    "archive": "/reviews/?genre=drama",
}
SCREENS = {
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    1366: {"viewport": {"width": 1366, "height": 900}},
}
#: What moves with the clock: publication dates, the week's dates, the footer's year.
MASK = "time, .this-week__dates, .site-footer"
#: A pixel differs when a channel moves by more than this (anti-aliasing moves a little) ...
CHANNEL_TOLERANCE = 48
#: ... and a page differs when more than this share of its pixels do.
MAX_CHANGED_SHARE = 0.005

EVERY_PICTURE_LOADED = """async () => {
  await document.fonts.ready;
  const pictures = [...document.images];
  pictures.forEach((img) => { img.loading = 'eager'; });
  await Promise.all(pictures.map((img) => img.decode().catch(() => null)));
}"""


def changed_share(reference: bytes, shot: bytes) -> tuple[float, Image.Image | None]:
    """The share of pixels that differ (1.0 for another size) and a picture of where."""
    before, after = Image.open(io.BytesIO(reference)), Image.open(io.BytesIO(shot))
    if before.size != after.size:
        return 1.0, None
    difference = ImageChops.difference(before.convert("RGB"), after.convert("RGB")).convert("L")
    changed = difference.point(lambda value: 255 if value > CHANNEL_TOLERANCE else 0)
    histogram = changed.histogram()
    return histogram[255] / (before.size[0] * before.size[1]), changed


def compact(shot: bytes) -> bytes:
    """A reference in 256 colours: a quarter of the size in git, and no pixel of the site's
    flat colours and gradients moves past the tolerance."""
    picture = Image.open(io.BytesIO(shot)).convert("RGB")
    palette = picture.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def this_weeks_openings_fixed() -> None:
    """The demo's films that open "this week" are dated from when it was loaded; dated today
    they are in this week whatever the weekday, so the home page shows the same strip."""
    today = timezone.localdate()
    soon = today + timezone.timedelta(days=3)
    recent = today - timezone.timedelta(days=3)
    Film.objects.filter(release_date__range=(recent, soon)).update(release_date=today)


@pytest.mark.parametrize("width", list(SCREENS))
def test_the_layout_matches_the_reviewed_screenshots(browser, live_server, demo, width):
    this_weeks_openings_fixed()
    context = browser.new_context(base_url=live_server.url, **SCREENS[width])
    page = context.new_page()
    differing = {}
    for name, path in PAGES.items():
        page.goto(path)
        page.evaluate(EVERY_PICTURE_LOADED)
        shot = page.screenshot(
            full_page=True, mask=[page.locator(MASK)], animations="disabled", caret="hide"
        )
        reference = REFERENCES / f"{name}-{width}.png"
        if UPDATE:
            REFERENCES.mkdir(exist_ok=True)
            reference.write_bytes(compact(shot))
            continue
        assert reference.exists(), f"{reference} is missing: take it with `make screenshots`"
        share, where = changed_share(reference.read_bytes(), shot)
        if share > MAX_CHANGED_SHARE:
            RESULTS.mkdir(parents=True, exist_ok=True)
            (RESULTS / f"{name}-{width}.png").write_bytes(shot)
            if where is not None:
                where.save(RESULTS / f"{name}-{width}-difference.png")
            differing[name] = f"{share:.2%} of the pixels differ (see {RESULTS})"
    context.close()
    assert not differing, (
        f"the layout at {width}px changed: {differing}; if that is meant, "
        "review it and run `make screenshots`"
    )
