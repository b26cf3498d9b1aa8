"""Every public address shows no review that is not live, and no still past its rights.

``SURFACES`` lists every public address as a builder: given the hidden review, it returns a
URL a reader (or a bot) could request. Add new surfaces here (archive, search, feeds, sitemap,
JSON-LD, ...) and the test below covers them for every hidden state.
"""

import datetime
from collections.abc import Callable

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import previews
from reviews.models import PreviewLink, Review, ReviewStill, SlugRedirect
from tests import factories
from tests.helpers import hidden_states, view_on_site_url

pytestmark = pytest.mark.django_db

HEADLINE = "Hidden Headline Zebra"
BODY_MARK = "Hidden body text quokka"
DEK_MARK = "Hidden dek okapi"


def _expired_link(review: Review) -> str:
    link = PreviewLink.objects.create(review=review, expires_at=timezone.now())
    return reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])


def _revoked_link(review: Review) -> str:
    link = PreviewLink.objects.create(
        review=review,
        expires_at=timezone.now() + datetime.timedelta(days=1),
        revoked_at=timezone.now(),
    )
    return reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])


def _wrongly_signed_link(review: Review) -> str:
    token = signing.Signer(salt="not-the-preview-salt").sign_object({"l": 1, "r": review.pk})
    return reverse("reviews:review-shared-preview", args=[token])


def _old_slug(review: Review) -> str:
    SlugRedirect.objects.remember(review, "hidden-old-address")
    return reverse("reviews:review-detail", args=["hidden-old-address"])


def _opening_this_week(review: Review) -> str:
    """The home page's "opening this week" strip, with the hidden review's film opening today."""
    review.film.release_date = timezone.localdate()
    review.film.save()
    return reverse("reviews:home")


def _corrected(url_name: str) -> Callable[[Review], str]:
    """A surface listing corrections, with a correction of the hidden review in it."""

    def build(review: Review) -> str:
        factories.CorrectionFactory(review=review, text="Hidden correction")
        return reverse(url_name)

    return build


#: name -> builder(hidden review) -> URL. Extend after merging other public surfaces.
SURFACES: dict[str, Callable[[Review], str]] = {
    "review page": lambda review: review.get_absolute_url(),
    "review page, old slug": _old_slug,
    "home": lambda review: reverse("reviews:home"),
    "home, page 2": lambda review: reverse("reviews:home") + "?page=2",
    "film page": lambda review: review.film.get_absolute_url(),
    "person page": lambda review: review.film.credits.first().person.get_absolute_url(),
    "critic page": lambda review: review.critic.get_absolute_url(),
    "genre page": lambda review: review.film.genres.first().get_absolute_url(),
    "staff preview, no account": lambda review: reverse("reviews:review-preview", args=[review.pk]),
    "preview, missing token": lambda review: "/preview/",
    "preview, empty-ish token": lambda review: "/preview/x/",
    "preview, wrong token": _wrongly_signed_link,
    "preview, expired token": _expired_link,
    "preview, revoked token": _revoked_link,
    "archive": lambda review: reverse("reviews:archive"),
    "archive, filtered to its film": lambda review: (
        reverse("reviews:archive") + f"?genre={review.film.genres.first().slug}"
        f"&year={review.film.year}"
    ),
    "search by headline": lambda review: reverse("reviews:search") + "?q=zebra",
    "search by body": lambda review: reverse("reviews:search") + "?q=quokka",
    "RSS feed": lambda review: reverse("reviews:feed-rss"),
    "Atom feed": lambda review: reverse("reviews:feed-atom"),
    "critic feed": lambda review: reverse("reviews:critic-feed-rss", args=[review.critic.slug]),
    "genre feed": lambda review: reverse(
        "reviews:genre-feed-atom", args=[review.film.genres.first().slug]
    ),
    "critic Atom feed": lambda review: reverse(
        "reviews:critic-feed-atom", args=[review.critic.slug]
    ),
    "genre RSS feed": lambda review: reverse(
        "reviews:genre-feed-rss", args=[review.film.genres.first().slug]
    ),
    "home, opening this week": _opening_this_week,
    "search by dek": lambda review: reverse("reviews:search") + "?q=okapi",
    "search by film title": lambda review: reverse("reviews:search") + f"?q={review.film.title}",
    "admin view on site, no account": view_on_site_url,
    "robots.txt": lambda review: reverse("reviews:robots"),
    "sitemap": lambda review: reverse("reviews:sitemap-section", args=["reviews"]),
    # JSON-LD lives in the pages: the film page's Movie must not cite the hidden review.
    "film page JSON-LD": lambda review: review.film.get_absolute_url(),
    "corrections page": _corrected("reviews:corrections"),
    "corrections RSS feed": _corrected("reviews:corrections-feed-rss"),
    "corrections Atom feed": _corrected("reviews:corrections-feed-atom"),
}


@pytest.fixture
def hidden_review(request):
    review = factories.ReviewFactory(
        headline=HEADLINE,
        slug="hidden-headline-zebra",
        dek=DEK_MARK,
        body=f"<p>{BODY_MARK}</p>",
        **hidden_states()[request.param],
    )
    factories.CreditFactory(film=review.film)
    review.film.genres.add(factories.GenreFactory())
    # A live neighbour on every listing, so the pages are not trivially empty.
    factories.ReviewFactory(published=True, film=review.film, critic=review.critic)
    return review


CASES = [(state, surface) for state in hidden_states() for surface in SURFACES]


@pytest.mark.parametrize(
    ("hidden_review", "surface"),
    CASES,
    ids=[f"{s}-{u}" for s, u in CASES],
    indirect=["hidden_review"],
)
def test_review_that_is_not_live_is_unreachable_from_every_public_surface(
    client, hidden_review, surface
):
    url = SURFACES[surface](hidden_review)
    response = client.get(url)
    content = response.content.decode(errors="replace")
    assert HEADLINE not in content
    assert BODY_MARK not in content
    assert DEK_MARK not in content
    assert hidden_review.slug not in content
    assert response.status_code in {200, 302, 404}
    if response.status_code == 302:
        # Only ever to the login page, never to the review.
        assert response["Location"].startswith(reverse("admin:login"))
    if surface.startswith(("review page", "preview")):
        assert response.status_code == 404


def test_the_same_review_is_visible_once_live(client):
    """The surfaces do show a live review, so the test above cannot pass by showing nothing."""
    review = factories.ReviewFactory(
        headline=HEADLINE,
        slug="hidden-headline-zebra",
        dek=DEK_MARK,
        body=f"<p>{BODY_MARK}</p>",
        published=True,
    )
    factories.CreditFactory(film=review.film)
    review.film.genres.add(factories.GenreFactory())
    for name in ["review page", "home", "film page", "person page", "critic page", "genre page",
                 "archive", "search by headline", "search by body", "RSS feed", "Atom feed",
                 "critic feed", "genre feed", "sitemap", "critic Atom feed", "genre RSS feed",
                 "home, opening this week", "search by dek",
                 "search by film title", "corrections page", "corrections RSS feed",
                 "corrections Atom feed"]:  # fmt: skip
        content = client.get(SURFACES[name](review)).content.decode()
        assert HEADLINE in content or review.slug in content, name


def test_an_expired_still_reaches_no_public_surface(client):
    """Not as the review's or the film's lead, not placed in the text, not among the film's
    stills: from the day after its rights end, nowhere."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    expired = factories.PhotoFactory(usage_expires=yesterday, caption="Expired caption wombat")
    review = factories.ReviewFactory(published=True, lead_still=expired, headline="Live review")
    review.film.lead_still = expired
    review.film.save()
    review.film.genres.add(factories.GenreFactory())
    expired.film = review.film
    expired.save()
    ReviewStill.objects.create(review=review, photo=expired, after_paragraph=0)
    also = factories.PhotoFactory(
        film=review.film, caption="Also expired.", usage_expires=yesterday
    )
    urls = [
        review.get_absolute_url(),
        review.film.get_absolute_url(),
        reverse("reviews:home"),
        reverse("reviews:archive"),
        review.critic.get_absolute_url(),
        reverse("reviews:feed-rss"),
        reverse("reviews:feed-atom"),
        reverse("reviews:critic-feed-rss", args=[review.critic.slug]),
        reverse("reviews:genre-feed-atom", args=[review.film.genres.first().slug]),
        reverse("reviews:search") + "?q=Live",
    ]
    file_stems = [
        photo.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] for photo in (expired, also)
    ]
    for url in urls:
        content = client.get(url).content.decode()
        assert "Live review" in content or url == review.film.get_absolute_url(), url
        assert not any(stem in content for stem in file_stems), url
        assert "wombat" not in content and "Also expired." not in content, url
