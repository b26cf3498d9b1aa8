"""Processing stills: the cleaned original, then its renditions, made once and stored.

An upload is judged (``reviews.stills.validation.validate_still``), turned upright by its EXIF
orientation and re-encoded without any metadata but its colour profile and the still's
rights as XMP (``reviews.stills.metadata.rights_xmp``: creator, credit line, copyright
notice, licence page), so that no location, camera serial number, software or owner's name
ever reaches storage while search engines still read who to credit. Renditions are made
from that cleaned original by a background task: several widths (never larger than the
original) and two fixed-ratio crops cut around the focal point, each in WebP with a JPEG
fallback. Pages show the original until the renditions exist.
"""

import io
import logging
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, ImageOps, PngImagePlugin

from reviews.models import Photo, Rendition
from reviews.stills.faults import STORAGE_ERRORS
from reviews.stills.metadata import FileMetadata, RightsOut, read_metadata, rights_xmp
from reviews.stills.validation import validate_still

logger = logging.getLogger(__name__)

#: Widths of the responsive renditions, in pixels; none is made wider than the original.
WIDTHS = (320, 640, 960, 1280, 1920)


@dataclass(frozen=True)
class Crop:
    ratio_w: int
    ratio_h: int
    max_width: int


#: Fixed-ratio crops, cut around the focal point: 16:9 for cards, 1:1 for social cards.
CROPS = {"card": Crop(16, 9, 1280), "social": Crop(1, 1, 1080)}

#: Rendition formats: WebP for browsers that take it, JPEG for every other.
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
ORIGINAL_SAVE_OPTIONS = {
    "JPEG": {"quality": 92, "optimize": True},
    "PNG": {"optimize": False},
    "WEBP": {"quality": 90, "method": 4},
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass
class PreparedStill:
    """The cleaned original, ready to store, and what the upload's metadata said."""

    content: ContentFile
    name: str
    width: int
    height: int
    metadata: FileMetadata


def rights_of(photo: Photo) -> RightsOut:
    """The rights a still's files carry, from its fields as they stand."""
    return RightsOut(
        creator=photo.creator,
        credit_line=photo.credit_line,
        copyright_notice=photo.copyright_notice,
        web_statement=photo.licence_url,
        licensor_url=photo.acquire_licence_url,
    )


def _normalised(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when the picture has transparency; L stays L."""
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    has_alpha = image.mode in ("LA", "PA") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def _colour_profile(image: Image.Image) -> bytes | None:
    """The ICC profile, kept only when it still describes the normalised pixels (a CMYK
    or grey-with-alpha profile would not fit the RGB they become)."""
    return image.info.get("icc_profile") if image.mode in ("RGB", "RGBA", "L", "P") else None


def _encode(
    image: Image.Image, fmt: str, icc_profile: bytes | None, xmp: bytes = b"", **options
) -> bytes:
    """The picture in ``fmt``, carrying only the colour profile and the ``xmp`` given."""
    if xmp and fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"), zip=False)
        options["pnginfo"] = info
    elif xmp:
        options["xmp"] = xmp
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
        image = flat
    buffer = io.BytesIO()
    if icc_profile:
        options["icc_profile"] = icc_profile
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _safe_stem(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", PurePosixPath(name or "still").stem).strip("-")
    return (stem or "still")[:60]


def prepare_original(
    upload: UploadedFile, rights: Callable[[FileMetadata], RightsOut] | None = None
) -> PreparedStill:
    """Validate, turn upright and strip an upload; raise ValidationError when it is refused.

    ``rights`` is told what the file's metadata says and answers with the rights to write
    into the stored file (none when it is not given).
    """
    validate_still(upload)
    upload.seek(0)
    with Image.open(upload) as source:
        fmt = "JPEG" if source.format == "MPO" else source.format
        metadata = read_metadata(source)
        icc_profile = _colour_profile(source)
        image = _normalised(ImageOps.exif_transpose(source))
    image.info = {}  # comments, XMP, EXIF: Pillow would carry them into what it saves
    xmp = rights_xmp(rights(metadata)) if rights else b""
    content = _encode(image, fmt, icc_profile, xmp, **ORIGINAL_SAVE_OPTIONS[fmt])
    name = f"{_safe_stem(upload.name)}.{EXTENSIONS[fmt]}"
    return PreparedStill(ContentFile(content), name, image.width, image.height, metadata)


XMP_SEGMENT_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
APP0, APP1, SOS = 0xE0, 0xE1, 0xDA


def _jpeg_segments(raw: bytes) -> tuple[list[bytes], bytes]:
    """A JPEG's segments before its scan (each with its marker), and the rest as it is."""
    if raw[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    segments, position = [], 2
    while position + 4 <= len(raw):
        if raw[position] != 0xFF:
            raise ValueError("a JPEG segment without its marker")
        marker = raw[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == SOS:
            return segments, raw[position:]
        end = position + 2 + int.from_bytes(raw[position + 2 : position + 4], "big")
        segments.append(raw[position:end])
        position = end
    raise ValueError("a JPEG without its picture")


def jpeg_with_xmp(raw: bytes, xmp: bytes) -> bytes:
    """The JPEG ``raw`` with its XMP replaced by ``xmp``, its picture untouched (no second
    lossy encoding); the new XMP follows the JFIF segment."""
    segments, scan = _jpeg_segments(raw)
    segments = [
        segment
        for segment in segments
        if not (segment[1] == APP1 and segment[4:].startswith(XMP_SEGMENT_HEADER))
    ]
    if xmp:
        payload = XMP_SEGMENT_HEADER + xmp
        if len(payload) + 2 > 0xFFFF:
            raise ValueError("XMP too large for one JPEG segment")
        new = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
        at = 1 if segments and segments[0][1] == APP0 else 0
        segments.insert(at, new)
    return b"\xff\xd8" + b"".join(segments) + scan


def original_with_rights(photo: Photo) -> ContentFile:
    """The stored original carrying the still's rights as they stand now: a JPEG's XMP is
    swapped in place; a PNG (lossless) or WebP is encoded again with it."""
    with photo.image.open("rb") as handle:
        raw = handle.read()
    xmp = rights_xmp(rights_of(photo))
    with Image.open(io.BytesIO(raw)) as source:
        fmt = source.format
        if fmt in ("JPEG", "MPO"):
            return ContentFile(jpeg_with_xmp(raw, xmp))
        icc_profile = _colour_profile(source)
        image = _normalised(source)
        image.load()
    image.info = {}
    return ContentFile(_encode(image, fmt, icc_profile, xmp, **ORIGINAL_SAVE_OPTIONS[fmt]))


def crop_box(width: int, height: int, crop: Crop, focal_x: float, focal_y: float) -> tuple:
    """The largest box of the crop's ratio inside the picture, centred on the focal point
    as far as the edges allow (so the focal point always lies inside it)."""
    box_w = min(width, round(height * crop.ratio_w / crop.ratio_h))
    box_h = min(height, round(box_w * crop.ratio_h / crop.ratio_w))
    left = min(max(round(focal_x * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal_y * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _resized(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def rendition_widths(original_width: int) -> list[int]:
    """The widths to make: those narrower than the original, and the original's own width
    when it is narrower than the widest, so a small still gets a WebP too."""
    widths = [width for width in WIDTHS if width < original_width]
    if original_width <= WIDTHS[-1]:
        widths.append(original_width)
    return widths


def decode_size(width: int, height: int) -> tuple[int, int]:
    """The smallest size the picture may be decoded at and still give every rendition."""
    needs = [min(WIDTHS[-1], width) / width]
    for crop in CROPS.values():
        left, top, right, bottom = crop_box(width, height, crop, 0.5, 0.5)
        needs.append(min(crop.max_width, right - left) / (right - left))
    scale = max(needs)
    return (math.ceil(width * scale), math.ceil(height * scale))


def make_renditions(photo: Photo, remake: bool = False) -> list[Rendition]:
    """Make the missing width renditions and (re)make the crops for the current focal point;
    with ``remake``, every width rendition too (the still's rights changed, say).

    Files are written first; the rows are swapped in one transaction; the files they
    replace are deleted once it commits. A failure leaves the old renditions in place and
    no new file behind.
    """
    existing = {(r.spec, r.format): r for r in photo.renditions.all()}
    kept = {} if remake else existing
    storage = photo.image.storage
    original, full_width, icc_profile = _decoded_original(photo)
    wanted = [
        *_width_images(original, rendition_widths(full_width), kept),
        *_crop_images(original, photo.focal_x, photo.focal_y),
    ]
    made: list[Rendition] = []
    try:
        for rendition in _stored_files(photo, wanted, kept, icc_profile):
            made.append(rendition)
        replaced = _swap_rows(made, existing)
    except BaseException:
        delete_files(storage, [rendition.file.name for rendition in made])
        raise
    stale = [r.file.name for r in replaced]
    transaction.on_commit(partial(delete_files, storage, stale))
    return made


def rewrite_rights(photo: Photo) -> list[Rendition]:
    """Write the still's rights, as they stand now, into its original and every rendition.

    The original is stored again (under a new name where storage keeps both, so no cache
    serves the old one) and the row points at it only if no new picture replaced it
    meanwhile; then every rendition is made again from it.
    """
    storage = photo.image.storage
    old_name = photo.image.name
    new_name = storage.save(old_name, original_with_rights(photo))
    if not Photo.objects.filter(pk=photo.pk, image=old_name).update(image=new_name):
        if new_name != old_name:
            delete_files(storage, [new_name])  # a new picture came meanwhile: it has its own
        return []
    photo.image.name = new_name
    if new_name != old_name:
        transaction.on_commit(partial(delete_files, storage, [old_name]))
    return make_renditions(photo, remake=True)


def _decoded_original(photo: Photo) -> tuple[Image.Image, int, bytes | None]:
    """The stored original as normalised pixels, its full width, and its colour profile.

    A JPEG can be decoded at 1/2, 1/4 or 1/8 scale for a fraction of the time; this asks for
    no less than every rendition needs, so none is made from too small a picture.
    """
    with photo.image.open("rb") as handle, Image.open(handle) as source:
        full_width = source.width
        source.draft(source.mode, decode_size(source.width, source.height))
        source.load()
        icc_profile = _colour_profile(source)
        original = _normalised(source)
    original.info = {}
    return original, full_width, icc_profile


#: The renditions to make, as (spec, picture) pairs; and those already made, by spec and format.
Wanted = list[tuple[str, Image.Image]]
Existing = dict[tuple[str, str], Rendition]


def _width_images(original: Image.Image, widths: list[int], existing: Existing) -> Wanted:
    """The width renditions still missing in some format, by spec ("w640")."""
    widths = sorted(widths, reverse=True)
    if all((f"w{width}", fmt) in existing for width in widths for fmt in FORMATS):
        return []
    wanted: Wanted = []
    # Widest first, each made from the one before: far cheaper than from the original.
    previous = original
    for width in widths:
        previous = _resized(previous, width)
        if any((f"w{width}", fmt) not in existing for fmt in FORMATS):
            wanted.append((f"w{width}", previous))
    return wanted


def _crop_images(original: Image.Image, focal_x: float, focal_y: float) -> Wanted:
    """Every crop, cut around the focal point and scaled to its largest width."""
    wanted: Wanted = []
    for spec, crop in CROPS.items():
        box = crop_box(original.width, original.height, crop, focal_x, focal_y)
        wanted.append((spec, _resized(original.crop(box), crop.max_width)))
    return wanted


def _stored_files(
    photo: Photo, wanted: Wanted, existing: Existing, icc_profile: bytes | None
) -> Iterator[Rendition]:
    """Encode and store each wanted image in each format, skipping width renditions that
    exist; yield each one's row, not yet saved. A crop's file name carries the focal point."""
    stem = _safe_stem(photo.image.name)
    xmp = rights_xmp(rights_of(photo))
    focal_key = f"{round(photo.focal_x * 1000):04d}-{round(photo.focal_y * 1000):04d}"
    for spec, image in wanted:
        for fmt, (pil_format, options) in FORMATS.items():
            if spec.startswith("w") and (spec, fmt) in existing:
                continue
            key = f"-{focal_key}" if spec in CROPS else ""
            rendition = Rendition(
                photo=photo, spec=spec, format=fmt, width=image.width, height=image.height
            )
            content = ContentFile(_encode(image, pil_format, icc_profile, xmp, **dict(options)))
            rendition.file.save(f"{stem}-{spec}{key}.{EXTENSIONS[pil_format]}", content, False)
            # Saving re-reads the dimensions from storage; we know them already.
            rendition.width, rendition.height = image.width, image.height
            yield rendition


def _swap_rows(made: list[Rendition], existing: Existing) -> list[Rendition]:
    """Put the ``made`` rows in place of those they supersede, in one transaction; return
    the superseded rows, whose files are now stale."""
    replaced = [existing[(r.spec, r.format)] for r in made if (r.spec, r.format) in existing]
    with transaction.atomic():
        Rendition.objects.filter(pk__in=[r.pk for r in replaced]).delete()
        for rendition in made:
            rendition.save()
    return replaced


def delete_files(storage: Storage, names: list[str]) -> list[str]:
    """Remove ``names`` from ``storage``; return those it would not remove.

    Called once no row names the files any more, so a file storage refuses to remove is an
    orphan: it is logged here, and ``manage.py cleanup_media`` removes it once storage
    answers again. An empty name (a row without a file) is skipped.
    """
    left = []
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except STORAGE_ERRORS as error:
            logger.warning("Could not remove %s from the media storage: %s", name, error)
            left.append(name)
    return left
