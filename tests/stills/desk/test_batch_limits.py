"""The desk's batch limit: stated before upload, kept by the page's script, and every file
over it named by the server, never dropped without a word. (The page's script keeping the
limit is tried in the browser: tests/e2e/test_desk_upload.py.)"""

import re

import pytest
from django.urls import reverse

from reviews.models import Photo
from reviews.stills.desk.forms import BATCH_LIMIT
from tests.images import picture, upload

pytestmark = pytest.mark.django_db

UPLOAD = reverse("desk:upload")
JSON = {"Accept": "application/json"}
STILL = {"credit_line": "Dale Robinette/Lionsgate", "rights_holder": "Lionsgate"}


@pytest.fixture
def desk(client, photo_desk):
    client.force_login(photo_desk)
    return client


def batch_of(count: int) -> dict:
    """A batch of ``count`` good stills, as the form without script sends it."""
    data = {"stills-TOTAL_FORMS": str(count), "stills-INITIAL_FORMS": "0"}
    content = picture("JPEG", (40, 30))
    for n in range(count):
        fields = STILL | {"caption": f"Still {n}.", "alt_text": f"Still {n} shows."}
        data |= {f"stills-{n}-{key}": value for key, value in fields.items()}
        data[f"stills-{n}-image"] = upload(content, f"still-{n:02d}.jpg")
    return data


def test_the_upload_page_states_the_batch_limit_before_upload(desk):
    page = desk.get(UPLOAD).content.decode()
    assert f"Up to {BATCH_LIMIT} stills a batch" in page
    assert "20 MB and 40 megapixels" in page
    # The page's script reads the same limit from the form.
    assert f'data-batch-limit="{BATCH_LIMIT}"' in page


def test_sixty_stills_at_once_save_fifty_and_name_each_of_the_other_ten(desk):
    response = desk.post(UPLOAD, batch_of(60))
    assert response.status_code == 400
    assert Photo.objects.count() == BATCH_LIMIT == 50
    page = response.content.decode()
    assert "50 still(s) saved." in page
    refused = re.search(r'<section class="desk-refused.*?</section>', page, re.S).group(0)
    for n in range(50, 60):
        assert f"still-{n:02d}.jpg" in refused
    assert "still-49.jpg" not in refused
    assert "a batch holds at most 50 stills" in refused


def test_sixty_stills_in_json_name_the_ten_not_taken(desk):
    response = desk.post(UPLOAD, batch_of(60), headers=JSON)
    assert response.status_code == 400
    answer = response.json()
    assert len(answer["saved"]) == 50
    assert [failure["file"] for failure in answer["failed"]] == [
        f"still-{n}.jpg" for n in range(50, 60)
    ]
    assert answer["failed"][0]["errors"] == [
        {
            "field": "image",
            "label": "Image",
            "message": "Not uploaded: a batch holds at most 50 stills. "
            "Upload this one in another batch.",
        }
    ]


def test_a_lower_file_limit_of_django_lowers_the_batch_limit(desk, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 4
    assert "Up to 4 stills a batch" in desk.get(UPLOAD).content.decode()
    response = desk.post(UPLOAD, batch_of(4), headers=JSON)
    assert response.status_code == 201
    assert Photo.objects.count() == 4


def test_a_file_no_still_reads_is_named_not_dropped(desk):
    data = batch_of(1)
    data["stills-0-image"] = [upload(picture(), "first.jpg"), upload(picture(), "second.jpg")]
    data["picture"] = upload(picture(), "stray.jpg")
    response = desk.post(UPLOAD, data, headers=JSON)
    assert response.status_code == 400
    answer = response.json()
    assert len(answer["saved"]) == 1
    named = sorted(failure["file"] for failure in answer["failed"])
    assert named == ["first.jpg", "stray.jpg"]
    assert "each still takes one picture" in answer["failed"][0]["errors"][0]["message"]


def test_more_files_than_django_takes_in_one_request_saves_nothing(desk, settings):
    # Past DATA_UPLOAD_MAX_NUMBER_FILES Django refuses the request whole, before any view:
    # nothing is half-saved, and the batch limit (stated, kept by the script) stays below it.
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 5
    assert desk.post(UPLOAD, batch_of(6)).status_code == 400
    assert Photo.objects.count() == 0
