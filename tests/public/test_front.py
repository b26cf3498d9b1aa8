"""The front page and the parts it shares with every page: the lead review (the editor's pin,
else the newest with a picture), critics' picks, pull quotes, the star component, stills sized
by their shape, the trailer's poster frame and credit labels that follow the count."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from reviews.editorial.front_page import pin_lead, unpin_lead
from reviews.models import CreditRole, Person, Review
from reviews.models.reviews import STAR_VALUES
from reviews.public.front import choose_lead
from tests import factories
from tests.helpers import hidden_states

pytestmark = pytest.mark.django_db


def published(hours_ago: float, **kwargs) -> Review:
    at = timezone.now() - datetime.timedelta(hours=hours_ago)
    return factories.ReviewFactory(published=True, published_at=at, **kwargs)


def with_picture(hours_ago: float, **kwargs) -> Review:
    return published(hours_ago, lead_still=factories.PhotoFactory(), **kwargs)


def lead_of(client, url: str = "/") -> Review | None:
    return client.get(url).context["front"].lead


def part(page: str, start: str, end: str) -> str:
    rest = page[page.index(start) :]
    return rest[: rest.index(end)]


# Which review leads --------------------------------------------------------------------------


def test_the_newest_review_with_a_picture_leads(client):
    older = with_picture(5, headline="Older, with a still")
    published(1, headline="Newest, no picture")
    assert lead_of(client) == older


def test_the_films_lead_still_counts_as_a_picture(client):
    review = published(1, film__lead_still=factories.PhotoFactory())
    with_picture(3)
    assert lead_of(client) == review


def test_a_still_past_its_rights_is_no_picture_for_the_lead(client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    published(1, lead_still=factories.PhotoFactory(usage_expires=yesterday))
    usable = with_picture(4)
    assert lead_of(client) == usable


def test_with_no_picture_anywhere_the_newest_leads(client):
    published(3)
    newest = published(1)
    assert lead_of(client) == newest
    assert choose_lead([]) is None


def test_the_editors_pinned_review_leads_even_without_a_picture_and_is_not_repeated(client):
    with_picture(1)
    pinned = published(48, headline="Pinned weeks ago", pinned=True)
    response = client.get("/")
    front = response.context["front"]
    assert front.lead == pinned
    assert pinned not in front.row + front.rest
    assert response.content.decode().count("Pinned weeks ago") == 1


@pytest.mark.parametrize("state", list(hidden_states()))
def test_a_pinned_review_that_is_not_live_never_leads_or_shows(client, state):
    newest = with_picture(1)
    factories.ReviewFactory(headline="Pinned secret", pinned=True, **hidden_states()[state])
    response = client.get("/")
    assert response.context["front"].lead == newest
    assert "Pinned secret" not in response.content.decode()


def test_only_one_review_is_pinned_at_a_time(client):
    first = published(1, pinned=True)
    second = published(2)
    with pytest.raises(ValidationError, match="already pinned"):
        second.pinned = True
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=second.pk).update(pinned=True)
    pin_lead(second)
    assert list(Review.objects.filter(pinned=True)) == [second]
    assert lead_of(client) == second
    unpin_lead()
    first.refresh_from_db()
    assert not Review.objects.filter(pinned=True).exists() and not first.pinned


def test_the_admin_action_moves_the_pin_and_needs_an_editor(client, editor, critic_user):
    old, new = published(1, pinned=True), published(2)
    url = reverse("admin:reviews_review_changelist")
    data = {"action": "pin_as_lead", "_selected_action": [new.pk]}
    client.force_login(critic_user)
    client.post(url, data)
    assert Review.objects.get(pinned=True) == old
    client.force_login(editor)
    response = client.post(url, data, follow=True)
    assert "now leads the home page" in response.content.decode()
    assert Review.objects.get(pinned=True) == new
    response = client.post(url, data | {"_selected_action": [old.pk, new.pk]}, follow=True)
    assert "Select exactly one review" in response.content.decode()
    assert Review.objects.get(pinned=True) == new


def test_the_home_page_lays_out_lead_row_picks_and_entry_points(client):
    reviews = [with_picture(hours, critics_pick=hours % 2 == 0) for hours in range(1, 9)]
    reviews[0].film.genres.add(factories.GenreFactory(name="Musical", slug="musical"))
    response = client.get("/")
    front, picks = response.context["front"], response.context["picks"]
    assert front.lead == reviews[0]
    assert front.row == reviews[1:4]
    assert front.rest == reviews[4:]
    assert picks == [r for r in reviews if r.critics_pick][:4]
    page = response.content.decode()
    assert page.index('class="lead"') < page.index('class="cards cards--row"')
    assert page.index('id="picks-title"') < page.index('id="latest-title"')
    browse = part(page, 'id="browse-title"', "</section>")
    assert '<a href="/genres/musical/">Musical</a>' in browse
    assert f'<a href="{reviews[0].critic.get_absolute_url()}">' in browse


def test_the_lead_is_not_repeated_among_the_picks(client):
    lead = with_picture(1, critics_pick=True)
    other = with_picture(2, critics_pick=True)
    assert client.get("/").context["picks"] == [other]
    assert lead_of(client) == lead


def test_a_pick_that_is_not_live_is_not_among_the_picks(client):
    factories.ReviewFactory(headline="Draft pick", critics_pick=True)
    response = client.get("/")
    assert response.context["picks"] == []
    assert "Draft pick" not in response.content.decode()


def test_later_home_pages_list_reviews_without_a_lead(client):
    from reviews.public.views import HOME_PAGE_SIZE

    for hours in range(HOME_PAGE_SIZE + 2):
        with_picture(hours + 1)
    response = client.get("/", {"page": 2})
    assert response.context["front"].lead is None
    assert len(response.context["front"].rest) == 2
    assert 'class="lead"' not in response.content.decode()


def test_home_query_count_does_not_grow_with_reviews_picks_or_a_pin(
    client, django_assert_num_queries
):
    def build(count: int) -> None:
        for n in range(count):
            review = with_picture(
                n + 1, critics_pick=True, film__lead_still=factories.PhotoFactory()
            )
            review.film.genres.add(factories.GenreFactory())

    build(2)
    published(90, pinned=True)
    with django_assert_num_queries(8):
        client.get("/")
    build(20)
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(8):
        client.get("/")


@pytest.mark.parametrize("kind", ["genre", "critic"])
def test_genre_and_critic_pages_lead_with_the_newest_review_with_a_picture(client, kind):
    genre = factories.GenreFactory()
    critic = factories.CriticFactory()
    reviews = [published(1, critic=critic), with_picture(2, critic=critic),
               with_picture(3, critic=critic)]  # fmt: skip
    for review in reviews:
        review.film.genres.add(genre)
    url = (genre if kind == "genre" else critic).get_absolute_url()
    response = client.get(url)
    assert response.context["front"].lead == reviews[1]
    page = response.content.decode()
    assert page.count('<article class="lead">') == 1
    assert page.count('<article class="card">') == 2


# Critic's pick and the pull quote -------------------------------------------------------------


def test_a_critics_pick_says_so_on_its_page_and_its_card(client):
    review = with_picture(1, critics_pick=True, headline="Picked")
    with_picture(2)
    with_picture(3, critics_pick=False)
    assert "Critic’s pick" in client.get(review.get_absolute_url()).content.decode()
    critic_page = client.get(review.critic.get_absolute_url()).content.decode()
    assert '<p class="pick">Critic’s pick</p>' in critic_page


def test_the_archive_filters_critics_picks(client):
    pick = published(1, critics_pick=True, headline="A picked one")
    published(2, headline="An ordinary one")
    response = client.get(reverse("reviews:archive"), {"pick": "on"})
    assert list(response.context["reviews"]) == [pick]
    assert "An ordinary one" not in response.content.decode()
    assert 'name="pick"' in response.content.decode()
    # A nonsense value is read as "not checked", never an error.
    assert client.get(reverse("reviews:archive"), {"pick": "<x>"}).status_code == 200


BODY = (
    "<p>The first thing you hear in <em>La La Land</em> is a traffic jam &amp; a song.</p>"
    "<p>Ms. Stone, who sings in a small,\n unforced voice, is the picture’s secret weapon.</p>"
)


@pytest.mark.parametrize(
    "quote",
    [
        "Ms. Stone, who sings in a small, unforced voice, is the picture’s secret weapon.",
        "“Ms. Stone, who sings in a small, unforced voice”",
        "you hear in La La Land is a traffic jam & a song",
    ],
)
def test_a_pull_quote_copied_from_the_body_is_accepted(quote):
    review = factories.ReviewFactory(body=BODY, pull_quote=quote)
    review.full_clean()


@pytest.mark.parametrize(
    "quote",
    [
        "Ms. Stone, who sings in a big, unforced voice",  # a word changed
        "Ms. Stone is the picture’s secret weapon",  # words left out
        "ms. stone, who sings",  # case changed
        "<em>La La Land</em>",  # markup is not text
    ],
)
def test_a_pull_quote_not_in_the_body_is_refused_on_its_field(quote):
    review = factories.ReviewFactory(body=BODY, pull_quote=quote)
    with pytest.raises(ValidationError) as refused:
        review.full_clean()
    assert "copied exactly from the body" in str(refused.value.message_dict["pull_quote"])


def test_a_pull_quote_over_200_characters_is_refused():
    body = "<p>" + "word " * 60 + "</p>"
    review = factories.ReviewFactory(body=body)
    review.pull_quote = ("word " * 50).strip()  # never saved: the column holds 200 at most
    with pytest.raises(ValidationError) as refused:
        review.full_clean()
    assert "at most 200 characters" in str(refused.value.message_dict["pull_quote"])


def test_the_admin_form_names_a_bad_pull_quote_and_keeps_the_text(client, editor):
    from tests.admin_forms import errors_on_page, form_data

    review = factories.ReviewFactory(body=BODY)
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = form_data(client.get(url)) | {"pull_quote": "Words the critic never wrote"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "copied exactly from the body" in errors_on_page(response)
    assert "Words the critic never wrote" in response.content.decode()


def test_the_pull_quote_is_the_json_ld_description_and_is_on_listings(client):
    quote = "a traffic jam &amp; a song"
    review = with_picture(1, body=BODY, pull_quote="a traffic jam & a song", dek="The dek.")
    second = with_picture(2, body=BODY, pull_quote="“a traffic jam & a song”")
    page = client.get(review.get_absolute_url()).content.decode()
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    assert '"description": "a traffic jam \\u0026 a song"' in data
    home = client.get("/").content.decode()
    assert f"<p>“{quote}”</p>" in part(home, '<article class="lead">', "</article>")
    card = part(home, '<article class="card">', "</article>")
    assert second.headline in card and f"“{quote}”" in card


def test_without_a_pull_quote_the_dek_is_the_description(client):
    review = published(1, dek="Only a dek.")
    page = client.get(review.get_absolute_url()).content.decode()
    assert '"description": "Only a dek."' in page


# Stars -----------------------------------------------------------------------------------------

STAR_TEXT = {
    "0.0": "0 stars out of 4",
    "0.5": "½ star out of 4",
    "1.0": "1 star out of 4",
    "1.5": "1½ stars out of 4",
    "2.0": "2 stars out of 4",
    "2.5": "2½ stars out of 4",
    "3.0": "3 stars out of 4",
    "3.5": "3½ stars out of 4",
    "4.0": "4 stars out of 4",
}


def render_stars(review: Review) -> str:
    return Template("{% load reviews_tags %}{% stars review %}").render(Context({"review": review}))


@pytest.mark.parametrize("value", [str(v) for v in STAR_VALUES])
def test_every_rating_has_its_text_and_its_drawn_stars(value):
    review = factories.ReviewFactory.build(rating=Decimal(value))
    assert review.stars_text == STAR_TEXT[value]
    html = render_stars(review)
    assert f'<span class="stars" role="img" aria-label="{STAR_TEXT[value]}">' in html
    assert 'aria-hidden="true"' in html and "★" not in html and "½" not in html.split(">", 1)[1]
    whole, half = divmod(int(Decimal(value) * 2), 2)
    assert html.count("star--full") == whole
    assert html.count("star--half") == half == html.count("star--fill")
    assert html.count("star--empty") == 4 - whole - half


def test_a_review_not_rated_says_so_in_words():
    review = factories.ReviewFactory.build(rating=None)
    assert render_stars(review) == '<span class="stars stars--none">Not rated</span>'


def test_the_stars_are_the_same_on_cards_pages_and_in_feeds(client):
    review = with_picture(1, rating=Decimal("2.5"))
    with_picture(2)
    stars = render_stars(review)
    assert stars in client.get(review.get_absolute_url()).content.decode()
    assert stars in client.get("/").content.decode()
    assert stars in client.get(review.film.get_absolute_url()).content.decode()
    assert "2½ stars out of 4" in client.get(reverse("reviews:feed-rss")).content.decode()


# Pictures: sized by their shape -------------------------------------------------------------


def render_still(photo, **options) -> str:
    template = Template("{% load stills %}{% still photo sizes=sizes %}")
    sizes = options.get("sizes", "(min-width: 48rem) 44rem, 100vw")
    return template.render(Context({"photo": photo, "sizes": sizes}))


def test_a_portrait_still_is_capped_in_height_and_asks_for_a_narrower_file():
    photo = factories.PhotoFactory(image__width=40, image__height=60)
    html = render_still(photo)
    assert 'class="still still--portrait"' in html
    # 34rem tall at 2:3 is 22.7rem wide: the browser picks a file for that, not for 44rem.
    assert 'width="40" height="60"' in html
    from reviews.stills.pictures import portrait_sizes

    assert portrait_sizes(1000, 1500) == "(min-width: 24.7rem) 22.7rem, 100vw"


def test_a_landscape_still_fills_the_column_with_the_sizes_asked_for():
    photo = factories.PhotoFactory(image__width=64, image__height=36)
    html = render_still(photo, sizes="(min-width: 48rem) 44rem, 100vw")
    assert 'class="still still--landscape"' in html


def test_a_portrait_still_with_renditions_gets_the_portrait_sizes(
    client, django_capture_on_commit_callbacks
):
    from tests.helpers import processed_still

    photo = processed_still(django_capture_on_commit_callbacks, size=(400, 700))
    review = with_picture(1)  # its own lead: the portrait still stays in the body
    factories.ReviewStillFactory(review=review, photo=photo, after_paragraph=1)
    page = client.get(review.get_absolute_url()).content.decode()
    figure = part(page, '<figure class="still still--portrait">', "</figure>")
    assert 'sizes="(min-width: 21.4rem) 19.4rem, 100vw"' in figure
    assert 'loading="lazy"' in figure


def test_the_lead_picture_is_fetched_first_and_the_others_lazily(client):
    lead = with_picture(1)
    with_picture(2)
    page = client.get("/").content.decode()
    lead_html = part(page, '<article class="lead">', "</article>")
    assert 'fetchpriority="high"' in lead_html
    rest = page[page.index("</article>") :]
    assert 'fetchpriority="high"' not in rest
    assert 'loading="lazy"' in rest
    page = client.get(lead.get_absolute_url()).content.decode()
    assert page.count('fetchpriority="high"') == 1


# The trailer's poster frame ---------------------------------------------------------------------

YOUTUBE = "https://www.youtube.com/watch?v=0pdqf4P9MB8"


def test_the_trailer_shows_the_films_lead_still_as_its_poster_and_loads_nothing_outside(client):
    still = factories.PhotoFactory()
    review = published(1, film__trailer_url=YOUTUBE, film__lead_still=still)
    page = client.get(review.get_absolute_url()).content.decode()
    trailer = part(page, '<section class="trailer"', "</section>")
    button = part(trailer, '<button type="button" class="trailer__play">', "</button>")
    assert f'src="{still.image.url}"' in button and 'alt=""' in button
    assert "Play the trailer" in button
    # Whatever the page loads by itself (src, srcset, poster, stylesheets, scripts) is ours:
    # the video site appears only in the player address kept for the click and in a link.
    for attribute in re.findall(r'(?:src|srcset|href|poster)="([^"]*)"', page):
        if "youtube" in attribute:
            assert attribute == YOUTUBE  # the "Watch it on YouTube" link, never loaded
    assert "<iframe" not in page
    assert re.search(r"<(?:img|source|link|script)[^>]*youtube", page) is None


def test_a_chosen_poster_wins_over_the_lead_still_until_its_rights_end(client):
    lead, chosen = factories.PhotoFactory(), factories.PhotoFactory()
    review = published(1, film__trailer_url=YOUTUBE, film__lead_still=lead)
    review.film.trailer_poster = chosen
    review.film.save()
    for url in (review.get_absolute_url(), review.film.get_absolute_url()):
        button = part(client.get(url).content.decode(), 'class="trailer__play"', "</button>")
        assert chosen.image.url in button and lead.image.url not in button
    chosen.usage_expires = timezone.localdate() - datetime.timedelta(days=1)
    chosen.save()
    button = part(
        client.get(review.get_absolute_url()).content.decode(), 'class="trailer__play"', "</button>"
    )
    assert lead.image.url in button and chosen.image.url not in button


def test_a_chosen_poster_costs_no_query_of_its_own(client, django_assert_num_queries):
    """It comes with the review's row, and its renditions with the other stills'."""
    from django.core.cache import cache

    review = published(1, film__trailer_url=YOUTUBE, film__lead_still=factories.PhotoFactory())
    with django_assert_num_queries(6):
        client.get(review.get_absolute_url())
    review.film.trailer_poster = factories.PhotoFactory()
    review.film.save()
    cache.clear()
    with django_assert_num_queries(6):
        page = client.get(review.get_absolute_url()).content.decode()
    assert review.film.trailer_poster.image.url in page


# Credits: labels follow the count ------------------------------------------------------------


def test_role_labels_follow_the_number_of_people(client):
    review = published(1)
    for name in ["Fred Berger", "Jordan Horowitz", "Marc Platt"]:
        factories.CreditFactory(
            film=review.film, role=CreditRole.PRODUCER, person__name=name, character=""
        )
    factories.CreditFactory(
        film=review.film, role=CreditRole.DIRECTOR, person__name="D. C.", character=""
    )
    factories.CreditFactory(film=review.film, role=CreditRole.CAST, character="Mia")
    factories.CreditFactory(film=review.film, role=CreditRole.CAST, character="Seb")
    page = client.get(review.get_absolute_url()).content.decode()
    credits = part(page, '<dl class="credits">', "</dl>")
    assert "<dt>Producers</dt>" in credits
    assert "<dt>Director</dt>" in credits
    assert "<dt>Cast</dt>" in credits
    person = client.get(Person.objects.get(name="Fred Berger").get_absolute_url())
    # A person's filmography names their role, not a count of films.
    assert '<h3 class="role-title">Producer</h3>' in person.content.decode()


def test_every_role_has_a_plural():
    labels = {role: CreditRole(role).label_for(2) for role in CreditRole}
    assert labels[CreditRole.CINEMATOGRAPHER] == "Cinematographers"
    assert labels[CreditRole.CAST] == "Cast"
    assert labels[CreditRole.OTHER] == "Other"
    assert all(CreditRole(role).label_for(1) == CreditRole(role).label for role in CreditRole)
