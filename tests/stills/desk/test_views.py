"""The photo desk (/desk/): batch upload, the library, editing and deleting a still."""

import contextlib
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Photo
from reviews.stills import services
from reviews.transactions import WriteBusy
from tests import factories
from tests.helpers import stored_files
from tests.images import picture, two_colour_jpeg, upload

pytestmark = pytest.mark.django_db

UPLOAD = reverse("desk:upload")
LIBRARY = reverse("desk:library")


def batch(*stills: dict) -> dict:
    data = {"stills-TOTAL_FORMS": str(len(stills)), "stills-INITIAL_FORMS": "0"}
    for n, still in enumerate(stills):
        defaults = {"caption": f"Caption {n}.", "credit_line": "Dale Robinette/Lionsgate",
                    "alt_text": f"Alt {n}.", "rights_holder": "Lionsgate"}  # fmt: skip
        for key, value in (defaults | still).items():
            data[f"stills-{n}-{key}"] = value
    return data


def edit_url(photo: Photo) -> str:
    return reverse("desk:still-edit", args=[photo.pk])


@pytest.fixture
def desk(client, photo_desk):
    client.force_login(photo_desk)
    return client


def test_batch_upload_saves_the_good_files_and_names_the_bad_ones_reason(
    desk, photo_desk, django_capture_on_commit_callbacks
):
    film = factories.FilmFactory(title="La La Land")
    data = batch(
        {"image": upload(picture("JPEG", (400, 300)), "one.jpg"), "film": str(film.pk)},
        {"image": upload(b"<html><script>alert(1)</script></html>", "two.jpg")},
        {"image": upload(picture("PNG", (300, 300)), "three.png"), "caption": "Mia at the piano."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(UPLOAD, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "2 still(s) saved." in page
    assert "HTML or script text disguised as an image" in page
    assert Photo.objects.count() == 2
    three = Photo.objects.get(caption="Mia at the piano.")
    assert three.uploaded_by == photo_desk and three.renditions.exists()
    assert Photo.objects.get(caption="Caption 0.").film == film
    assert len([n for n in stored_files() if n.startswith("stills/")]) == 2


def test_upload_answers_in_json_for_the_page_script(desk):
    response = desk.post(
        UPLOAD,
        batch({"image": upload(picture("WEBP"), "a.webp")}),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 201
    saved = response.json()["saved"][0]
    assert saved["edit_url"] == edit_url(Photo.objects.get())
    response = desk.post(
        UPLOAD, batch({"image": upload(b"", "empty.jpg")}), headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    [failure] = response.json()["failed"]
    assert failure["file"] == "empty.jpg"
    assert failure["errors"] == [
        {"field": "image", "label": "Image", "message": "The submitted file is empty."}
    ]


def test_a_bad_file_in_json_names_the_field_and_problem(desk):
    svg = upload(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "logo.jpg")
    response = desk.post(UPLOAD, batch({"image": svg}), headers={"Accept": "application/json"})
    [error] = response.json()["failed"][0]["errors"]
    assert error["field"] == "image" and "SVG drawing" in error["message"]
    assert stored_files() == []


def test_missing_caption_is_refused_with_the_field_named(desk):
    response = desk.post(
        UPLOAD,
        batch({"image": upload(picture()), "caption": ""}),
        headers={"Accept": "application/json"},
    )
    [error] = response.json()["failed"][0]["errors"]
    assert error["field"] == "caption"
    assert error["message"] == "This field is required: the file carries no caption to use."
    assert stored_files() == [] and not Photo.objects.exists()


def test_credit_line_left_empty_comes_from_the_file(desk):
    content = two_colour_jpeg(artist="Dale Robinette", copyright="Lionsgate")
    response = desk.post(UPLOAD, batch({"image": upload(content), "credit_line": ""}))
    assert response.status_code == 200
    assert Photo.objects.get().credit_line == "Dale Robinette/Lionsgate"


def test_credit_line_missing_everywhere_is_refused(desk):
    response = desk.post(
        UPLOAD,
        batch({"image": upload(picture()), "credit_line": ""}),
        headers={"Accept": "application/json"},
    )
    [error] = response.json()["failed"][0]["errors"]
    assert error["field"] == "credit_line"
    assert error["message"] == "This field is required: the file carries no credit to use."
    assert stored_files() == []


def test_empty_batch_says_so(desk):
    empty_rows = {"stills-TOTAL_FORMS": "3", "stills-INITIAL_FORMS": "0"}
    response = desk.post(UPLOAD, empty_rows, follow=True)
    assert "Choose at least one picture to upload." in response.content.decode()


def test_upload_page_offers_drop_zone_and_plain_file_inputs(desk):
    response = desk.get(UPLOAD)
    assert "no-store" in response["Cache-Control"]  # desk pages are never cached
    page = response.content.decode()
    assert "data-drop" in page and 'type="file" name="stills-0-image"' in page
    assert "js/desk.js" in page and "<script>" not in page


@pytest.mark.parametrize("url_name", ["desk:upload", "desk:library"])
def test_visitors_are_sent_to_log_in(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_critic_cannot_upload_or_edit(client, critic_user):
    photo = factories.PhotoFactory()
    client.force_login(critic_user)
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, batch({"image": upload(picture())})).status_code == 403
    assert client.get(edit_url(photo)).status_code == 403
    response = client.post(edit_url(photo), {"caption": "Hijacked"})
    assert response.status_code == 403
    assert client.post(reverse("desk:still-delete", args=[photo.pk])).status_code == 403
    photo.refresh_from_db()
    assert photo.caption != "Hijacked" and not Photo.objects.exclude(pk=photo.pk).exists()


def test_staff_without_a_role_cannot_see_the_desk(client):
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get(LIBRARY).status_code == 403
    assert client.get(UPLOAD).status_code == 403


def test_an_editor_can_upload_on_the_desk(client, editor):
    client.force_login(editor)
    assert client.post(UPLOAD, batch({"image": upload(picture())})).status_code == 200
    assert Photo.objects.count() == 1


def test_library_searches_caption_credit_and_film(desk):
    film = factories.FilmFactory(title="Moonlight")
    factories.PhotoFactory(caption="Mia sings.", credit_line="Dale Robinette")
    factories.PhotoFactory(caption="A beach at night.", film=film, credit_line="A24")
    searches = {
        "sings": "Mia sings.",
        "a24": "A beach at night.",
        "moonlight": "A beach at night.",
        "robinette": "Mia sings.",
    }
    for query, expected in searches.items():
        stills = list(desk.get(LIBRARY, {"q": query}).context["stills"])
        assert [p.caption for p in stills] == [expected], query
    assert [p.caption for p in desk.get(LIBRARY, {"film": film.pk}).context["stills"]] == [
        "A beach at night."
    ]


def test_library_filters_and_flags_rights(desk):
    today = timezone.localdate()
    factories.PhotoFactory(caption="Gone.", usage_expires=today - datetime.timedelta(2))
    factories.PhotoFactory(caption="Soon.", usage_expires=today + datetime.timedelta(5))
    factories.PhotoFactory(caption="Forever.")

    def captions(rights: str) -> set[str]:
        return {p.caption for p in desk.get(LIBRARY, {"rights": rights}).context["stills"]}

    assert captions("expired") == {"Gone."}
    assert captions("soon") == {"Soon."}
    assert captions("usable") == {"Soon.", "Forever."}
    page = desk.get(LIBRARY).content.decode()
    assert "Rights expired" in page and page.count("desk-tile--expired") == 1
    soon = today + datetime.timedelta(5)
    assert f'Rights expire <span class="nowrap">{soon:%Y-%m-%d}</span>' in page


def test_library_paginates_with_a_fixed_query_count(desk, django_assert_max_num_queries):
    factories.PhotoFactory.create_batch(30, film=factories.FilmFactory())
    with django_assert_max_num_queries(8):
        first = desk.get(LIBRARY, {"rights": "usable"})
    assert len(first.context["stills"]) == 24
    assert "rights=usable&amp;page=2" in first.content.decode()
    assert len(desk.get(LIBRARY, {"rights": "usable", "page": 2}).context["stills"]) == 6


def test_edit_changes_text_and_focal_point_and_remakes_crops(
    desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = services.save_still(
            Photo(caption="Old.", credit_line="c", alt_text="a"),
            upload(two_colour_jpeg(size=(800, 200))),
        )
    old_social = photo.renditions.get(spec="social", format="jpeg").file.name
    data = {"caption": "New caption.", "credit_line": "Studio", "alt_text": "Alt.",
            "focal_x": "0.9", "focal_y": "0.4", "loaded_version": str(photo.version)}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(edit_url(photo), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.caption, photo.focal_x, photo.focal_y) == ("New caption.", 0.9, 0.4)
    assert photo.renditions.get(spec="social", format="jpeg").file.name != old_social


def test_edit_refuses_a_focal_point_outside_the_picture(desk):
    photo = factories.PhotoFactory()
    data = {"caption": "c", "credit_line": "c", "alt_text": "a", "focal_x": "1.5", "focal_y": "0.5"}
    response = desk.post(edit_url(photo), data)
    assert response.status_code == 200
    assert "The focal point must lie inside the picture." in response.content.decode()


def test_edit_page_shows_where_the_still_is_used(desk):
    placement = factories.ReviewStillFactory(review__headline="Sung in Traffic")
    photo = placement.photo
    factories.FilmFactory(title="La La Land", lead_still=photo)
    page = desk.get(edit_url(photo)).content.decode()
    assert "In the review" in page and "Sung in Traffic" in page
    assert "Lead still of the film" in page and "La La Land" in page
    assert "data-focal-image" in page


def test_delete_from_the_desk_removes_the_still_and_its_files(
    desk, django_capture_on_commit_callbacks
):

    with django_capture_on_commit_callbacks(execute=True):
        photo = services.save_still(
            Photo(caption="c", credit_line="c", alt_text="a"), upload(picture(size=(400, 300)))
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(reverse("desk:still-delete", args=[photo.pk]))
    assert response.status_code == 302 and stored_files() == []


def test_delete_of_a_placed_still_is_refused_with_the_reason(desk):
    photo = factories.ReviewStillFactory().photo
    response = desk.post(reverse("desk:still-delete", args=[photo.pk]), follow=True)
    assert "placed in 1 review(s)" in response.content.decode()
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_edit_page_query_count_is_fixed(desk, django_assert_max_num_queries):
    photo = factories.PhotoFactory()
    for _ in range(5):
        factories.ReviewStillFactory(photo=photo)
    factories.FilmFactory.create_batch(3, lead_still=photo)
    with django_assert_max_num_queries(10):
        page = desk.get(edit_url(photo)).content.decode()
    assert page.count("In the review") == 5 and page.count("Lead still of the film") == 3


def test_library_offers_to_clear_filters_only_when_one_is_set(desk):
    factories.PhotoFactory(caption="Mia sings.")
    assert "Clear the filters" not in desk.get(LIBRARY).content.decode()
    empty_form = desk.get(LIBRARY, {"q": "", "film": "", "rights": ""}).content.decode()
    assert "Clear the filters" not in empty_form
    page = desk.get(LIBRARY, {"q": "nothing like this"}).content.decode()
    assert f'0 stills match these filters · <a href="{LIBRARY}">Clear the filters</a>' in page
    assert "No still matches these filters." in page


def test_library_tile_links_picture_and_caption_to_the_still_page(desk):
    photo = factories.PhotoFactory(caption="Mia sings.")
    page = desk.get(LIBRARY).content.decode()
    edit = reverse("desk:still-edit", args=[photo.pk])
    link = page[page.index(f'<a class="desk-tile__link" href="{edit}">') :]
    link = link[: link.index("</a>")]
    assert "<img " in link and '<span class="desk-caption">Mia sings.</span>' in link


def test_desk_pages_start_with_a_skip_link(desk):
    page = desk.get(LIBRARY).content.decode()
    assert '<a class="skip-link" href="#main">Skip to content</a>' in page
    assert '<main id="main"' in page


def test_desk_is_closed_to_a_user_whose_staff_status_was_taken_away(client, photo_desk):
    photo = factories.PhotoFactory(caption="Kept")
    client.force_login(photo_desk)
    assert client.get(reverse("desk:library")).status_code == 200
    photo_desk.is_staff = False
    photo_desk.save()

    for name, args in [("desk:library", []), ("desk:upload", []), ("desk:still-edit", [photo.pk])]:
        assert client.get(reverse(name, args=args)).status_code == 403
    edit = client.post(reverse("desk:still-edit", args=[photo.pk]), {"caption": "Changed"})
    delete = client.post(reverse("desk:still-delete", args=[photo.pk]))
    assert (edit.status_code, delete.status_code) == (403, 403)
    photo.refresh_from_db()
    assert photo.caption == "Kept"


def test_a_failed_still_without_the_script_is_named_with_its_fields_kept_for_a_retry(desk):
    data = batch(
        {"image": upload(picture("JPEG", (400, 300)), "one.jpg")},
        {"image": upload(b"<html><script>alert(1)</script></html>", "two.jpg")},
    )
    response = desk.post(UPLOAD, data)

    page = response.content.decode()
    assert "Not saved: <strong>two.jpg</strong>." in page
    assert "choose the picture again and press Upload" in page
    assert 'value="Caption 1."' in page  # what was typed for it
    assert 'value="Caption 0."' not in page  # the saved one is not offered again


def test_an_upload_the_busy_database_could_not_take_says_so_and_keeps_nothing(desk, monkeypatch):
    @contextlib.contextmanager
    def busy_database(using="default"):
        raise WriteBusy("The database is busy with another save; nothing was written. Try again.")
        yield

    monkeypatch.setattr(services, "write_transaction", busy_database)
    still = batch({"image": upload(picture("JPEG"), "mia.jpg")})
    response = desk.post(UPLOAD, still, headers={"Accept": "application/json"})

    assert response.status_code == 503
    [failure] = response.json()["failed"]
    assert failure == {
        "file": "mia.jpg",
        "errors": [
            {
                "field": "__all__",
                "label": "Still",
                "message": "The database is busy with another save; nothing was written. "
                "Try again.",
            }
        ],
    }
    assert not Photo.objects.exists()
    assert stored_files() == []
