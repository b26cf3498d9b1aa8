"""Expiry reaches the files: an expired still's original and renditions leave their public
addresses, the desk still sees them, and a renewed licence brings them back.

The tests taking the ``storage`` fixture run on the local disk, and on an S3-compatible object
store when selected with ``-m s3``."""

import datetime

import pytest
from django.core.checks import run_checks
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from reviews.models import Photo
from reviews.stills import services
from reviews.stills.withdrawal import withdrawn_storage
from tests import factories
from tests.helpers import processed_still, stored_files

pytestmark = pytest.mark.django_db

# Dates as the site reads them: in its zone (New York), not the machine's.
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def names_of(photo: Photo) -> list[str]:
    return sorted([photo.image.name, *photo.renditions.values_list("file", flat=True)])


def save_rights(photo: Photo, usage_expires, capture) -> Photo:
    """An editor changing the still's expiry on the desk or in the admin."""
    photo = Photo.objects.get(pk=photo.pk)
    photo.usage_expires = usage_expires
    with capture(execute=True):
        services.save_still(photo)
    return Photo.objects.get(pk=photo.pk)


def test_an_expired_still_leaves_its_public_address_and_a_renewal_brings_it_back(
    storage, django_capture_on_commit_callbacks
):
    photo = processed_still(django_capture_on_commit_callbacks)
    public = names_of(photo)
    assert stored_files(storage) == public

    photo = save_rights(photo, YESTERDAY, django_capture_on_commit_callbacks)

    assert photo.files_withdrawn_at is not None
    assert stored_files(storage) == []  # nothing left where media are served from
    assert stored_files(withdrawn_storage()) == public

    photo = save_rights(photo, None, django_capture_on_commit_callbacks)

    assert photo.files_withdrawn_at is None
    assert stored_files(withdrawn_storage()) == []
    assert stored_files(storage) == names_of(photo)
    assert photo.image.name in stored_files(storage)  # the original keeps its address


def test_the_nightly_run_withdraws_stills_whose_last_day_has_passed(
    storage, django_capture_on_commit_callbacks
):
    lapsed = processed_still(django_capture_on_commit_callbacks)
    last_day_today = processed_still(django_capture_on_commit_callbacks)
    # The dates pass with no save at all: only the run can notice.
    Photo.objects.filter(pk=lapsed.pk).update(usage_expires=YESTERDAY)
    Photo.objects.filter(pk=last_day_today.pk).update(usage_expires=timezone.localdate())

    with django_capture_on_commit_callbacks(execute=True):
        call_command("withdraw_expired_stills", stdout=(out := _Out()))

    assert f"withdrew the files of still {lapsed.pk}" in out.text
    assert stored_files(storage) == names_of(last_day_today)
    assert stored_files(withdrawn_storage()) == names_of(lapsed)

    call_command("withdraw_expired_stills", stdout=(again := _Out()))
    assert "Every still's files are where its rights say." in again.text

    Photo.objects.filter(pk=lapsed.pk).update(usage_expires=None)  # renewed by an import, say
    with django_capture_on_commit_callbacks(execute=True):
        call_command("withdraw_expired_stills", stdout=(back := _Out()))
    assert f"restored the files of still {lapsed.pk}" in back.text
    assert stored_files(withdrawn_storage()) == []


def test_a_storage_failure_leaves_the_still_whole_where_it_was(
    monkeypatch, django_capture_on_commit_callbacks
):
    photo = processed_still(django_capture_on_commit_callbacks)
    public = stored_files()
    Photo.objects.filter(pk=photo.pk).update(usage_expires=YESTERDAY)
    target = withdrawn_storage()
    real_save = target.save
    calls = []

    def failing_save(name, content, **kwargs):
        calls.append(name)
        if len(calls) == 3:  # part-way through the still's files
            raise OSError(28, "No space left on device")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(target, "save", failing_save)

    with pytest.raises(CommandError, match="1 still"):
        call_command("withdraw_expired_stills", stdout=_Out(), stderr=(err := _Out()))

    assert "no space left on device" in err.text
    assert Photo.objects.get(pk=photo.pk).files_withdrawn_at is None
    assert stored_files() == public
    assert stored_files(target) == []  # the copies made before the failure are gone again


def test_the_desk_still_sees_a_withdrawn_still_and_nobody_else_does(
    client, photo_desk, django_capture_on_commit_callbacks
):
    photo = processed_still(django_capture_on_commit_callbacks)
    save_rights(photo, YESTERDAY, django_capture_on_commit_callbacks)
    address = reverse("desk:still-file", args=[photo.pk, 320])

    assert client.get(address).status_code == 302  # to the login page
    client.force_login(photo_desk)
    library = client.get(reverse("desk:library")).content.decode()
    assert f'src="{address}"' in library
    answer = client.get(address)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= set(answer["Cache-Control"].split(", "))
    assert b"".join(answer.streaming_content)[:2] == b"\xff\xd8"

    edit = client.get(reverse("desk:still-edit", args=[photo.pk])).content.decode()
    assert "Its files were moved out of public reach" in edit


def test_a_withdrawn_still_is_on_no_public_page_even_before_its_row_says_expired(
    client, django_capture_on_commit_callbacks
):
    """A still whose renewal was saved but whose files storage has not yet brought back
    shows nowhere: pages would point at addresses that do not answer."""
    photo = processed_still(django_capture_on_commit_callbacks)
    review = factories.ReviewFactory(lead_still=photo, published=True)
    stem = photo.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in client.get(review.get_absolute_url()).content.decode()
    Photo.objects.filter(pk=photo.pk).update(files_withdrawn_at=timezone.now())
    factories.ReviewFactory(published=True)  # any change: the page is drawn afresh
    page = client.get(review.get_absolute_url())
    assert page.status_code == 200 and stem not in page.content.decode()


def test_deleting_a_withdrawn_still_removes_its_files(django_capture_on_commit_callbacks):
    photo = processed_still(django_capture_on_commit_callbacks)
    photo = save_rights(photo, YESTERDAY, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        removal = services.delete_still(photo)
    assert removal.left == []
    assert stored_files(withdrawn_storage()) == [] and stored_files() == []


def test_a_new_picture_for_a_withdrawn_still_replaces_the_withdrawn_files(
    django_capture_on_commit_callbacks,
):
    from tests.images import picture, upload

    photo = processed_still(django_capture_on_commit_callbacks)
    photo = save_rights(photo, YESTERDAY, django_capture_on_commit_callbacks)
    photo.usage_expires = None
    with django_capture_on_commit_callbacks(execute=True):
        services.save_still(photo, upload(picture("JPEG", size=(900, 500), color="green")))
    photo = Photo.objects.get(pk=photo.pk)
    assert photo.files_withdrawn_at is None
    assert stored_files(withdrawn_storage()) == []
    assert stored_files() == names_of(photo)


def test_signed_mode_moves_nothing_and_needs_signed_s3_addresses(
    settings, django_capture_on_commit_callbacks
):
    settings.EXPIRED_STILLS = "signed"
    photo = processed_still(django_capture_on_commit_callbacks)
    save_rights(photo, YESTERDAY, django_capture_on_commit_callbacks)
    assert Photo.objects.get(pk=photo.pk).files_withdrawn_at is None
    assert [e.id for e in run_checks() if e.id.startswith("reviews.")] == ["reviews.E001"]

    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "stills", "querystring_auth": True},
        }
    }
    assert [e.id for e in run_checks() if e.id.startswith("reviews.")] == []


class _Out:
    """A stdout for call_command that keeps what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_rights_changed_while_withdrawn_reach_the_files_when_they_come_back(
    django_capture_on_commit_callbacks,
):
    photo = processed_still(django_capture_on_commit_callbacks)
    photo = save_rights(photo, YESTERDAY, django_capture_on_commit_callbacks)
    photo.copyright_notice = "© 2027 Lionsgate, licence renewed"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_still(photo)  # still expired: nothing is written while away
    assert stored_files() == []

    photo = save_rights(photo, None, django_capture_on_commit_callbacks)

    assert photo.files_withdrawn_at is None and stored_files(withdrawn_storage()) == []
    assert stored_files() == names_of(photo)
    for name in names_of(photo):
        with default_storage.open(name, "rb") as handle:
            assert b"licence renewed" in handle.read(), name
