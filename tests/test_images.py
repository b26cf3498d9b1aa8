import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reviews.images import validate_still


def picture(fmt: str, size=(40, 30), **save_kwargs) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, fmt, **save_kwargs)
    return buffer.getvalue()


def upload(content: bytes, name: str = "still.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "image/jpeg")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepted_formats(fmt):
    validate_still(upload(picture(fmt)))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"<html><script>alert(1)</script></html>", "not an image we can read"),
        (picture("GIF"), "GIF image"),
        (picture("JPEG")[:200], "damaged or incomplete"),
    ],
    ids=["empty", "html-disguised", "gif", "truncated"],
)
def test_refused_files_name_the_problem(content, message):
    with pytest.raises(ValidationError) as caught:
        validate_still(upload(content))
    assert message in " ".join(caught.value.messages)


def test_too_many_pixels_is_refused(settings):
    settings.STILL_MAX_PIXELS = 100
    with pytest.raises(ValidationError) as caught:
        validate_still(upload(picture("PNG", size=(20, 20))))
    assert "megapixels" in caught.value.messages[0]


def test_too_large_a_file_is_refused(settings):
    settings.STILL_MAX_BYTES = 10
    with pytest.raises(ValidationError) as caught:
        validate_still(upload(picture("PNG")))
    assert "the limit is" in caught.value.messages[0]
