"""Editor-written text is inert wherever it is shown: the readers' pages, the admin, feeds,
the sitemap, previews, search, the desk and the import preview."""

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from reviews.editorial import previews, workflow
from reviews.models import Photo
from tests import factories
from tests.admin_forms import form_data
from tests.images import picture

pytestmark = pytest.mark.django_db


PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'"


LIVE = ["<script>alert", "<img src=x onerror", "onerror=alert(1)>"]


@pytest.fixture
def poisoned(critic_user, editor):
    """Every field an editor writes, holding a script payload."""
    critic = critic_user.critic
    critic.name, critic.bio = f"Critic {PAYLOAD}", f"Bio {PAYLOAD}"
    critic.save()
    film = factories.FilmFactory(
        **{
            name: f"{name} {PAYLOAD}"
            for name in [
                "title",
                "content_advisory",
                "where_playing",
                "distributor",
                "synopsis",
                "trailer_caption",
                "trailer_credit",
            ]
        },
        trailer_url="https://example.com/trailer",
    )
    photo = factories.PhotoFactory(
        film=film,
        caption=f"Caption {PAYLOAD}",
        credit_line=f"Credit {PAYLOAD}",
        alt_text=f"Alt {PAYLOAD}",
        rights_holder=f"Holder {PAYLOAD}",
    )
    film.lead_still = photo
    film.save()
    review = factories.ReviewFactory(
        film=film,
        critic=critic,
        headline=f"Headline {PAYLOAD}",
        dek=f"Dek {PAYLOAD}",
        body=f'<p>Body {PAYLOAD}</p><p>Second <a href="javascript:alert(1)">link</a></p>',
        published=True,
        lead_still=photo,
    )
    factories.ReviewStillFactory(review=review, photo=photo)
    factories.CorrectionFactory(review=review, text=f"Correction {PAYLOAD}")
    credit = factories.CreditFactory(
        film=film, person__name=f"Person {PAYLOAD}", person__bio=f"Person bio {PAYLOAD}"
    )
    credit.character = f"Character {PAYLOAD}"
    credit.save()
    genre = factories.GenreFactory(name="G <script>alert(1)</script>")
    film.genres.add(genre)
    workflow.apply_action(review, "unpublish", editor, message=f"Why {PAYLOAD}")
    workflow.apply_action(review, "publish", editor, message=f"Why {PAYLOAD}")
    return {
        "review": review,
        "film": film,
        "person": credit.person,
        "critic": critic,
        "photo": photo,
        "genre": genre,
    }


def assert_inert(page: str, where: str) -> None:
    for live in LIVE:
        assert live not in page, f"{live!r} is live on {where}"
    assert 'href="javascript:' not in page, where


def public_pages(objs):
    return {
        "review page": objs["review"].get_absolute_url(),
        "home": reverse("reviews:home"),
        "film page": objs["film"].get_absolute_url(),
        "person page": objs["person"].get_absolute_url(),
        "critic page": objs["critic"].get_absolute_url(),
        "genre page": objs["genre"].get_absolute_url(),
    }


def admin_pages(objs):
    review, film = objs["review"], objs["film"]
    return {
        "review change": reverse("admin:reviews_review_change", args=[review.pk]),
        "review list": reverse("admin:reviews_review_changelist"),
        "review history": reverse("admin:reviews_review_history", args=[review.pk]),
        "review preview": reverse("reviews:review-preview", args=[review.pk]),
        "film change": reverse("admin:reviews_film_change", args=[film.pk]),
        "film list": reverse("admin:reviews_film_changelist"),
        "person change": reverse("admin:reviews_person_change", args=[objs["person"].pk]),
        "critic change": reverse("admin:reviews_critic_change", args=[objs["critic"].pk]),
        "photo change": reverse("admin:reviews_photo_change", args=[objs["photo"].pk]),
        "photo list": reverse("admin:reviews_photo_changelist"),
        "genre change": reverse("admin:reviews_genre_change", args=[objs["genre"].pk]),
    }


@pytest.mark.parametrize(
    "page", ["review page", "home", "film page", "person page", "critic page", "genre page"]
)
def test_script_payloads_in_editor_fields_are_inert_on_public_pages(client, editor, poisoned, page):
    response = client.get(public_pages(poisoned)[page])
    assert response.status_code == 200
    content = response.content.decode()
    assert_inert(content, page)
    assert "&lt;script&gt;alert(" in content  # rendered, as text


def test_script_payloads_are_inert_in_the_admin(client, editor, poisoned):
    client.force_login(editor)
    for name, url in admin_pages(poisoned).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_inert(response.content.decode(), name)
        if name == "review change":
            assert "Why &lt;script&gt;alert(" in response.content.decode()


def test_script_payloads_are_inert_in_the_conflict_and_revision_views(client, editor, poisoned):
    review = poisoned["review"]
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    client.post(url, form_data(client.get(url)))
    stale = form_data(client.get(url))
    client.post(url, stale | {"dek": f"New {PAYLOAD}"})
    response = client.post(url, stale | {"headline": f"Other {PAYLOAD}"})
    assert "edit-conflict" in response.content.decode()
    assert_inert(response.content.decode(), "conflict")
    newer, older = Version.objects.get_for_object(review)[:2]
    compare = reverse("admin:reviews_review_compare", args=[review.pk])
    page = client.get(compare, {"a": older.pk, "b": newer.pk}).content.decode()
    assert_inert(page, "compare")


def test_editor_text_is_inert_in_every_feed_the_sitemap_and_the_previews(client, editor, poisoned):
    objs = poisoned
    review, critic, genre = objs["review"], objs["critic"], objs["genre"]
    feeds = {
        "RSS": reverse("reviews:feed-rss"),
        "Atom": reverse("reviews:feed-atom"),
        "critic RSS": reverse("reviews:critic-feed-rss", args=[critic.slug]),
        "critic Atom": reverse("reviews:critic-feed-atom", args=[critic.slug]),
        "genre RSS": reverse("reviews:genre-feed-rss", args=[genre.slug]),
        "genre Atom": reverse("reviews:genre-feed-atom", args=[genre.slug]),
    }
    for name, url in feeds.items():
        raw = client.get(url).content.decode()
        assert_inert(raw, name)
        feed = feedparser.parse(raw)
        assert not feed.bozo, (name, feed.bozo_exception)
        entry = feed.entries[0]
        # The reader gets the words back as text: the payload is shown, never run.
        assert entry.title == review.headline, name
        assert entry.author == critic.name, name
    assert_inert(client.get(reverse("reviews:sitemap")).content.decode(), "sitemap")
    section = reverse("reviews:sitemap-section", args=["reviews"])
    assert_inert(client.get(section).content.decode(), "sitemap section")

    link = previews.create_preview_link(review, editor)
    shared = client.get(
        reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])
    )
    assert shared.status_code == 200
    assert_inert(shared.content.decode(), "shared preview")
    assert "&lt;script&gt;alert(" in shared.content.decode()
    client.force_login(editor)
    staff = client.get(reverse("reviews:review-preview", args=[review.pk]))
    assert staff.status_code == 200
    assert_inert(staff.content.decode(), "staff preview")


def test_editor_text_is_escaped_in_feeds(client):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    factories.ReviewFactory(published=True, headline=f"Head {payload}", dek=f"Dek {payload}")
    for url in ["/feeds/reviews.rss", "/feeds/reviews.atom"]:
        raw = client.get(url).content.decode()
        assert "<script>" not in raw and "<img" not in raw
        entry = feedparser.parse(raw).entries[0]
        # A feed reader gets the words back as text, not as markup to run.
        assert entry.title == f"Head {payload}"


def test_script_payloads_are_inert_in_search_archive_404_and_desk(client, editor, poisoned):
    photo = poisoned["photo"]
    pages = {
        "search": reverse("reviews:search") + "?q=Body",
        "search for people": reverse("reviews:search") + "?q=Person",
        "search echoing the query": reverse("reviews:search") + "?q=" + PAYLOAD,
        "archive": reverse("reviews:archive"),
        "404 with a query": "/no-such-page/?q=" + PAYLOAD,
    }
    for name, url in pages.items():
        assert_inert(client.get(url).content.decode(), name)
    client.force_login(editor)
    desk_pages = {
        "desk library": reverse("desk:library") + "?q=Caption",
        "desk still": reverse("desk:still-edit", args=[photo.pk]),
        "desk upload": reverse("desk:upload"),
    }
    for name, url in desk_pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_inert(response.content.decode(), name)


def test_a_hostile_file_name_and_caption_are_inert_in_the_desks_answers(client, editor):
    client.force_login(editor)
    hostile = {
        "stills-TOTAL_FORMS": "2",
        "stills-INITIAL_FORMS": "0",
        "stills-0-image": SimpleUploadedFile(f"{PAYLOAD}.jpg", b"not an image", "image/jpeg"),
        "stills-0-caption": f"Caption {PAYLOAD}",
        "stills-0-credit_line": "Credit",
        "stills-0-alt_text": f"Alt {PAYLOAD}",
        "stills-1-image": SimpleUploadedFile("x.jpg", picture(), "image/jpeg"),
        "stills-1-caption": f"Caption {PAYLOAD}",
        "stills-1-credit_line": "Credit",
        "stills-1-alt_text": "Alt",
    }
    page = client.post(reverse("desk:upload"), hostile).content.decode()
    assert_inert(page, "desk upload answer")
    saved = Photo.objects.get()
    assert "<" not in saved.image.name and "script" not in saved.image.name


def test_script_payloads_in_an_import_file_are_inert_in_its_preview(client, editor):
    client.force_login(editor)
    content = f"title,distributor,cast,bogus {PAYLOAD}\n{PAYLOAD},{PAYLOAD},A as {PAYLOAD},x\n"
    upload = SimpleUploadedFile(f"{PAYLOAD}.csv", content.encode(), content_type="text/csv")

    response = client.post(reverse("admin:reviews_film_import"), {"file": upload})

    assert response.context["step"] == "preview"
    assert_inert(response.content.decode(), "import preview")
