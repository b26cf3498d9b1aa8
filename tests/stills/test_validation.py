"""Uploads judged by their content, never their name, and refused with the reason."""

import time

import pytest
from django.core.exceptions import ValidationError

from reviews.stills.validation import validate_still
from tests.images import animated, picture, png_declaring, upload


def refusal(content: bytes, name: str = "still.jpg") -> str:
    with pytest.raises(ValidationError) as caught:
        validate_still(upload(content, name))
    return " ".join(caught.value.messages)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(fmt):
    validate_still(upload(picture(fmt)))


def test_empty_file_is_refused():
    assert refusal(b"") == "The file is empty."


def test_html_disguised_as_jpeg_is_refused():
    message = refusal(b"<!DOCTYPE html><html><script>alert(1)</script></html>", "cat.jpg")
    assert "HTML or script text disguised as an image" in message


def test_script_disguised_as_png_is_refused():
    message = refusal(b"  <script>fetch('/admin/')</script>", "cat.png")
    assert "HTML or script text disguised as an image" in message


def test_svg_is_refused_even_named_jpeg():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    assert "This is an SVG drawing, which can carry scripts" in refusal(svg, "logo.jpg")


def test_other_image_formats_are_refused_by_name():
    assert "This is a GIF image; upload a JPEG, PNG or WebP." in refusal(picture("GIF"))
    assert "This is a TIFF image" in refusal(picture("TIFF"))


def test_random_bytes_are_not_an_image():
    assert "not an image we can read" in refusal(b"\x00\x01\x02 not a picture at all" * 10)


def test_truncated_jpeg_is_refused():
    content = picture("JPEG", size=(200, 150))
    assert "damaged or incomplete (truncated)" in refusal(content[: len(content) // 2])


def test_truncated_png_is_refused():
    content = picture("PNG", size=(200, 150), color=(10, 200, 30))
    assert "damaged or incomplete (truncated)" in refusal(content[:-40], "still.png")


def test_animated_webp_is_refused():
    assert "Animated or multi-frame images cannot be used" in refusal(animated("WEBP"))


def test_multi_frame_png_is_refused():
    assert "Animated or multi-frame images cannot be used" in refusal(animated("PNG"))


def test_decompression_bomb_is_refused_quickly_without_decoding():
    started = time.perf_counter()
    message = refusal(png_declaring(100_000, 100_000), "bomb.png")
    assert time.perf_counter() - started < 1
    assert "decompression bomb" in message and "40 megapixels allowed" in message


def test_more_pixels_than_the_setting_is_refused_before_decoding(settings):
    settings.STILL_MAX_PIXELS = 1_000_000
    started = time.perf_counter()
    message = refusal(png_declaring(2000, 1000), "big.png")
    assert time.perf_counter() - started < 1
    assert message == "The image is 2000×1000 pixels, more than the 1 megapixels allowed."


def test_too_large_a_file_is_refused_with_the_setting_in_the_message(settings):
    settings.STILL_MAX_BYTES = 2 * 2**20
    content = b"\xff\xd8" + b"\x00" * (3 * 2**20)
    assert refusal(content) == "The file is 3.0 MB; the limit is 2 MB."


def test_validation_leaves_the_file_position_where_it_was():
    still = upload(picture("PNG"))
    still.seek(5)
    validate_still(still)
    assert still.tell() == 5


def test_a_jpeg_whose_metadata_mentions_svg_and_html_is_still_a_jpeg():
    content = picture("JPEG", comment=b"<svg onload=x> <html><script>")
    validate_still(upload(content))
