"""A still's processing: the original cleaned and turned upright, its renditions and crops."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reviews.models import Photo, Rendition
from reviews.stills import services
from reviews.stills.processing import CROPS, crop_box, prepare_original, rendition_widths
from tests import factories
from tests.helpers import new_still, opened
from tests.images import (
    ARTIST,
    BODY_SERIAL_NUMBER,
    COPYRIGHT,
    EXIF_IFD,
    GPS_IFD,
    picture,
    two_colour_jpeg,
    upload,
)

pytestmark = pytest.mark.django_db


def test_original_is_turned_upright_by_its_exif_orientation():
    # Orientation 6: the camera was turned; the picture must be rotated 90° clockwise.
    prepared = prepare_original(upload(two_colour_jpeg(size=(80, 40), orientation=6)))
    image = Image.open(prepared.content)
    assert image.size == (40, 80)
    top, bottom = image.getpixel((20, 5)), image.getpixel((20, 75))
    assert top[0] > 200 and top[2] < 60  # red, once on the left, is now on top
    assert bottom[2] > 200 and bottom[0] < 60


def test_location_and_personal_metadata_are_stripped_from_original_and_renditions(
    django_capture_on_commit_callbacks,
):
    content = two_colour_jpeg(size=(700, 400), artist="Jo Smith", copyright="Lionsgate", gps=True)
    source = Image.open(io.BytesIO(content))
    assert source.getexif().get_ifd(GPS_IFD)  # the upload does carry a location
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(content)
    files = [photo.image] + [r.file for r in photo.renditions.all()]
    assert len(files) > 5
    for field in files:
        image = opened(field)
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD), field.name
        assert not exif.get_ifd(EXIF_IFD).get(BODY_SERIAL_NUMBER), field.name
        assert ARTIST not in exif and COPYRIGHT not in exif, field.name
        assert "comment" not in image.info, field.name
        with field.open("rb") as handle:
            raw = handle.read()
        assert b"SN-123456" not in raw and b"12 Main Street" not in raw, field.name
        # Jo Smith is the picture's creator now: named in the rights XMP, and only there.
        assert raw.count(b"Jo Smith") == 1 and b"<rdf:li>Jo Smith</rdf:li>" in raw, field.name


def test_embedded_artist_and_copyright_are_offered_as_credit_line():
    content = two_colour_jpeg(artist="Dale Robinette", copyright="© Lionsgate")
    photo = new_still(content, credit_line="")
    assert photo.credit_line == "Dale Robinette/Lionsgate"


def test_renditions_have_the_promised_sizes_and_formats(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(picture("JPEG", size=(1000, 500)))
    made = {(r.spec, r.format): r for r in photo.renditions.all()}
    assert set(made) == {
        (spec, fmt)
        for spec in ["w320", "w640", "w960", "w1000", "card", "social"]
        for fmt in ["webp", "jpeg"]
    }
    for (spec, fmt), rendition in made.items():
        image = opened(rendition.file)
        assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[fmt]
        assert (image.width, image.height) == (rendition.width, rendition.height)
        assert image.width <= 1000  # never upscaled
        if spec.startswith("w"):
            assert image.width == int(spec[1:])
            assert abs(image.width / image.height - 2) < 0.02
    assert (made["card", "jpeg"].width, made["card", "jpeg"].height) == (889, 500)
    assert (made["social", "webp"].width, made["social", "webp"].height) == (500, 500)


def test_small_still_is_never_upscaled():
    assert rendition_widths(200) == [200]
    assert rendition_widths(4000) == [320, 640, 960, 1280, 1920]


@pytest.mark.parametrize("focal", [(0, 0), (1, 1), (0.5, 0.5), (0.97, 0.1), (0.02, 0.9)])
@pytest.mark.parametrize("size", [(1000, 500), (500, 1000), (640, 640), (3, 2000)])
def test_focal_point_stays_inside_every_crop(size, focal):
    width, height = size
    for crop in CROPS.values():
        left, top, right, bottom = crop_box(width, height, crop, *focal)
        assert 0 <= left < right <= width and 0 <= top < bottom <= height
        assert left <= focal[0] * width <= right and top <= focal[1] * height <= bottom
        if right - left > 10 and bottom - top > 10:
            assert abs((right - left) / (bottom - top) - crop.ratio_w / crop.ratio_h) < 0.02


def test_crop_is_cut_around_the_focal_point(django_capture_on_commit_callbacks):
    # A wide picture, red on its left half: a square crop around a left focal point is red.
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(two_colour_jpeg(size=(800, 200)), focal_x=0.1)
    social = opened(photo.renditions.get(spec="social", format="jpeg").file)
    assert social.getpixel((100, 100))[0] > 200


def test_moving_the_focal_point_remakes_the_crops_only(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(two_colour_jpeg(size=(800, 200)), focal_x=0.1)
    before = {(r.spec, r.format): r.file.name for r in photo.renditions.all()}
    photo.focal_x = 0.9
    with django_capture_on_commit_callbacks(execute=True):
        services.save_still(photo)
    after = {(r.spec, r.format): r.file.name for r in photo.renditions.all()}
    assert set(before) == set(after)
    for key, name in after.items():
        assert (name == before[key]) == (key[0] not in CROPS), key
    social = opened(photo.renditions.get(spec="social", format="jpeg").file)
    assert social.getpixel((100, 100))[2] > 200  # now blue: cut from the right
    assert not any(default_storage.exists(before[key]) for key in before if key[0] in CROPS)


def test_renditions_are_made_once_not_per_request(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(picture("JPEG", size=(700, 400)))
    film = factories.FilmFactory(lead_still=photo)
    count = Rendition.objects.count()
    for _ in range(2):
        assert client.get(film.get_absolute_url()).status_code == 200
    assert Rendition.objects.count() == count


def test_a_large_jpeg_is_decoded_small_enough_to_be_fast_yet_big_enough_for_all():
    from reviews.stills.processing import decode_size

    assert decode_size(6000, 4000) == (1920, 1280)  # the JPEG decoder then picks 1/2 scale
    assert decode_size(1000, 500) == (1000, 500)  # nothing to spare: full size
    assert decode_size(2000, 8000) == (1920, 7680)  # 1920 wide is the most any needs


def test_renditions_of_a_large_jpeg_keep_their_full_sizes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(picture("JPEG", size=(4000, 2250)))
    sizes = {(r.spec, r.format): (r.width, r.height) for r in photo.renditions.all()}
    assert sizes["w1920", "jpeg"] == (1920, 1080)
    assert sizes["card", "webp"] == (1280, 720)
    assert sizes["social", "jpeg"] == (1080, 1080)


def test_a_cmyk_jpeg_becomes_rgb_without_its_cmyk_profile():
    buffer = io.BytesIO()
    Image.new("CMYK", (40, 30), (0, 255, 255, 0)).save(buffer, "JPEG", icc_profile=b"fake")
    prepared = prepare_original(upload(buffer.getvalue()))
    image = Image.open(prepared.content)
    assert image.mode == "RGB" and "icc_profile" not in image.info


def test_a_transparent_png_keeps_its_alpha_and_flattens_on_white_in_jpeg(
    django_capture_on_commit_callbacks,
):
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 200), (255, 0, 0, 0)).save(buffer, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        photo = new_still(buffer.getvalue(), "clear.png")
    assert opened(photo.image).mode == "RGBA"
    assert opened(photo.renditions.get(spec="w320", format="webp").file).mode == "RGBA"
    jpeg = opened(photo.renditions.get(spec="w320", format="jpeg").file)
    assert jpeg.mode == "RGB" and jpeg.getpixel((10, 10)) == (255, 255, 255)


def test_a_camera_mpo_keeps_its_first_picture_as_a_plain_jpeg():
    buffer = io.BytesIO()
    first, depth_map = Image.new("RGB", (60, 40), "red"), Image.new("RGB", (60, 40), "gray")
    first.save(buffer, "MPO", save_all=True, append_images=[depth_map])
    prepared = prepare_original(upload(buffer.getvalue(), "phone.jpg"))
    image = Image.open(prepared.content)
    assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
    assert image.getpixel((30, 20))[0] > 200 and prepared.name == "phone.jpg"


def test_a_jpeg_html_polyglot_is_stored_without_its_script():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "navy").save(buffer, "JPEG", comment=b"<script>alert(1)</script>")
    polyglot = buffer.getvalue() + b"<html><script>alert(2)</script></html>"
    photo = Photo(caption="Polyglot.", credit_line="Studio", alt_text="A still.")

    services.save_still(photo, SimpleUploadedFile("poly.jpg", polyglot, "image/jpeg"))

    with photo.image.open("rb") as handle:
        stored = handle.read()
    assert b"<script" not in stored and b"<html" not in stored
    assert photo.image.name.endswith(".jpg")
