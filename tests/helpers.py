"""Helpers more than one test module needs, each defined once.

Factories are in ``tests/factories.py``, pictures in ``tests/images.py`` and admin form data
in ``tests/admin_forms.py``; fixtures are in the conftest files.
"""

import datetime
import io
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import IntegrityError
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from reviews.models import Photo, Review, ReviewStatus
from reviews.stills import services
from tests import factories
from tests.images import picture, upload

#: The project's root: where manage.py is.
ROOT = Path(__file__).resolve().parent.parent


# Commands -----------------------------------------------------------------------------------


def run_command(*args: str, **options) -> str:
    """Call a management command; what it wrote to stdout."""
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


FILM_HEADER = (
    "title,release_date,mpaa_rating,running_time,distributor,genres,directors,cast,imdb_id"
)
LA_LA_LAND_ROW = (
    'La La Land,2016-12-09,PG-13,128,Lionsgate,"Drama, Musical",Damien Chazelle,'
    '"Emma Stone as Mia; Ryan Gosling as Sebastian",tt3783958'
)

#: Three films for the admin's import: two good, one with a date no one can read.
FILMS_CSV = (
    "title,release_date,mpaa_rating,running_time,cast,imdb_id\n"
    'La La Land,2016-12-09,PG-13,128,"Emma Stone as Mia; Ryan Gosling as Sebastian",tt3783958\n'
    "Moonlight,2016,R,111 min,Mahershala Ali as Juan,tt4975722\n"
    "Broken,someday,,,,\n"
)


def csv_file(*rows: str, header: str = FILM_HEADER) -> str:
    """A CSV file's text: the header, then the rows."""
    return "\n".join([header, *rows]) + "\n"


def run_import(tmp_path: Path, content: str | bytes, name: str = "films.csv", *options: str) -> str:
    """Run ``import_films`` on a file holding ``content``; its output, every row listed."""
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return run_command("import_films", str(path), *options, verbosity=2)


# Settings, read in a fresh interpreter --------------------------------------------------------


def bare_environment() -> dict[str, str]:
    """The machine's environment without any setting: the tests' own (pytest-env turns the
    HTTPS redirect off; live-server tests allow async-unsafe calls) are not production's."""
    return {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}


def run_python(
    *args: str, env: Mapping[str, str], check: bool = False
) -> subprocess.CompletedProcess:
    """``python *args`` in the project's root with exactly ``env``.

    Settings are read once, when ``newsroom.settings`` is imported, so each environment
    needs an interpreter of its own.
    """
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        check=check,
    )


def settings_with(show: str, check: bool = False, **env: str) -> subprocess.CompletedProcess:
    """Run ``show``, Python that imports ``newsroom.settings``, with the settings read from
    ``env`` and nothing else but the machine's bare environment."""
    return run_python("-c", show, env=bare_environment() | env, check=check)


# Signing in and the admin ---------------------------------------------------------------------


def login(
    client: Client, username: str, password: str, headers: dict | None = None, **extra: str
) -> HttpResponse:
    """Post the admin's sign-in form, as a browser does."""
    data = {"username": username, "password": password, **extra}
    return client.post(reverse("admin:login"), data, headers=headers)


def admin_url(model: type[Model], action: str, obj: Model | None = None) -> str:
    """The address of one of the admin's pages for ``model``: changelist, add, change, ..."""
    name = f"admin:reviews_{model._meta.model_name}_{action}"
    return reverse(name, args=[obj.pk] if obj else [])


def review_change_url(review: Review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


#: The admin's film list, people list and bulk pages.
IMPORT_URL = reverse("admin:reviews_film_import")
FILMS_URL = reverse("admin:reviews_film_changelist")
PEOPLE_URL = reverse("admin:reviews_person_changelist")
MERGE_URL = reverse("admin:reviews_person_merge")
DUPLICATES_URL = reverse("admin:reviews_person_duplicates")


def view_on_site_url(obj: Model) -> str:
    """The admin's "View on site" address of ``obj``."""
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


# Reviews in each state ------------------------------------------------------------------------


def hidden_states() -> dict[str, dict]:
    """The fields of a review in every state a reader must not see."""
    future = timezone.now() + datetime.timedelta(days=2)
    past = timezone.now() - datetime.timedelta(days=2)
    return {
        "draft": {"status": ReviewStatus.DRAFT},
        "in review": {"status": ReviewStatus.IN_REVIEW},
        "unpublished": {"status": ReviewStatus.UNPUBLISHED, "published_at": past},
        "scheduled, not yet due": {"status": ReviewStatus.SCHEDULED, "published_at": future},
        "published, future time": {"status": ReviewStatus.PUBLISHED, "published_at": future},
        "in review, under embargo": {"status": ReviewStatus.IN_REVIEW, "embargo_until": future},
        "scheduled at its embargo's end": {
            "status": ReviewStatus.SCHEDULED,
            "published_at": future,
            "embargo_until": future,
            "embargo_note": "Not before the premiere",
        },
    }


def review_in(state: str, **kwargs) -> Review:
    """A review in ``state``, with the publication time that state implies and all that
    publication needs (``complete=False`` for one without a lead still)."""
    past = timezone.now() - datetime.timedelta(days=1)
    future = timezone.now() + datetime.timedelta(days=1)
    published_at = {
        ReviewStatus.SCHEDULED: future,
        ReviewStatus.PUBLISHED: past,
        ReviewStatus.UNPUBLISHED: past,
    }.get(state)
    kwargs.setdefault("complete", True)
    return factories.ReviewFactory(status=state, published_at=published_at, **kwargs)


def refused(**kwargs):
    """The database refuses the write: the constraint lives in the schema, not in a form."""
    return pytest.raises(IntegrityError, **kwargs)


# Stills and their files -------------------------------------------------------------------------


def stored_files(storage: Storage = default_storage) -> list[str]:
    """Every file in ``storage``, as storage names."""
    found = []

    def walk(folder: str) -> None:
        try:
            dirs, files = storage.listdir(folder)
        except FileNotFoundError:  # on disk, before the first upload makes the media root
            return
        found.extend(f"{folder}/{name}".lstrip("/") for name in files)
        for sub in dirs:
            walk(f"{folder}/{sub}".lstrip("/"))

    walk("")
    return sorted(found)


def new_still(content: bytes, name: str = "still.jpg", **fields) -> Photo:
    """A still saved through the service, as every upload is."""
    fields = {"caption": "Emma Stone as Mia.", "alt_text": "A woman at a piano."} | fields
    fields.setdefault("credit_line", "Dale Robinette/Lionsgate")
    return services.save_still(Photo(**fields), upload(content, name))


def processed_still(
    django_capture_on_commit_callbacks, size: tuple[int, int] = (1400, 700)
) -> Photo:
    """A still with its renditions made, as once its upload has committed."""
    with django_capture_on_commit_callbacks(execute=True):
        return new_still(picture("JPEG", size=size))


def opened(field: FieldFile) -> Image.Image:
    """The picture a file field holds, decoded."""
    with field.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
        return image
