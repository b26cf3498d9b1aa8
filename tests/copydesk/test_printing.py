"""The round trip: a review printed as the paper prints it and read back gives the same
facts, credits, captions, trailer and body (the demo's La La Land, the yardstick)."""

import datetime

import pytest

from reviews.copydesk import read_story, recognise
from reviews.copydesk.printing import print_review
from reviews.copydesk.reading import plain_text
from reviews.demo import ACCOUNTS, GENRES, DemoSeeder
from reviews.models import CreditRole, Review
from reviews.public.body import split_blocks
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def la_la_land():
    seeder = DemoSeeder()
    seeder.account(*ACCOUNTS[0])
    seeder.la_la_land({name: seeder.genre(name) for name in GENRES})
    return Review.objects.get(slug="la-la-land-review")


def read_back(review: Review):
    return recognise(read_story(print_review(review)))


def test_the_yardstick_prints_as_the_paper_does(la_la_land):
    printed = print_review(la_la_land)

    assert printed.startswith(
        "‘La La Land’ Is a Love Letter Sung in Traffic\n\nEmma Stone and Ryan Gosling dance "
        "through Damien Chazelle’s bittersweet musical.\n\nBy Harriet Vance\n\n"
    )
    assert "Emma Stone as aspiring actress Mia. (Dale Robinette/Lionsgate)" in printed
    assert "The trailer for “La La Land.” (Lionsgate)" in printed
    assert (
        "Directed by Damien Chazelle; written by Damien Chazelle; director of photography, "
        "Linus Sandgren; edited by Tom Cross; music by Justin Hurwitz; produced by Fred Berger, "
        "Jordan Horowitz, Gary Gilbert and Marc Platt. With Ryan Gosling (Sebastian), Emma Stone "
        "(Mia), John Legend (Keith), Rosemarie DeWitt (Laura) and J.K. Simmons (Bill)."
    ) in printed
    assert printed.endswith(
        "★★★★ “La La Land.” PG-13. At area theaters. Contains some obscenity. 128 minutes.\n"
    )


def test_read_back_it_gives_the_same_facts(la_la_land):
    film = la_la_land.film
    story = read_back(la_la_land)

    assert {name: fact.value for name, fact in story.facts.items()} == {
        "stars": str(float(la_la_land.rating)),
        "title": film.title,
        "mpaa_rating": film.mpaa_rating,
        "where_playing": film.where_playing,
        "content_advisory": film.content_advisory,
        "running_time": film.running_time,
    }
    assert story.headline == la_la_land.headline
    assert story.dek == la_la_land.dek
    assert story.byline == la_la_land.critic.name
    assert story.notes == []


def test_read_back_it_gives_the_same_credits(la_la_land):
    story = read_back(la_la_land)

    printed = {(c.person.name, c.role, c.character) for c in la_la_land.film.credits.all()}
    assert {(c.person, c.role, c.character) for c in story.credits} == printed
    assert len(story.credits) == len(printed)


def test_read_back_it_gives_the_same_captions_trailer_and_body(la_la_land):
    story = read_back(la_la_land)
    body, stills = story.arrange()

    placements = la_la_land.placements.select_related("photo")
    assert [(s.caption, s.credit, s.position) for s in stills] == [
        (p.photo.caption, p.photo.credit_line, p.after_paragraph) for p in placements
    ]
    film = la_la_land.film
    assert (story.trailer.caption, story.trailer.credit) == (
        film.trailer_caption,
        film.trailer_credit,
    )
    assert [p.text for p in body] == [plain_text(b) for b in split_blocks(la_la_land.body)]


def test_a_review_with_every_kind_of_fact_round_trips():
    film = factories.FilmFactory(
        title="Le Ferry",
        mpaa_rating="NR",
        running_time=95,
        where_playing="At the Angelika",
        content_advisory="",
        language="In French with English subtitles",
        trailer_caption="",
        release_date=datetime.date(2020, 1, 1),
    )
    factories.CreditFactory(film=film, role=CreditRole.CAST, character="",
                            person=factories.PersonFactory(name="Maria Rossi"))  # fmt: skip
    review = factories.ReviewFactory(
        film=film,
        headline="A Ferry in the Fog",
        body="<p>One.</p><p>Two.</p>",
        critic=factories.CriticFactory(name="June Whitcombe"),
    )

    story = read_back(review)

    assert {name: fact.value for name, fact in story.facts.items()} == {
        "stars": "3.5",
        "title": "Le Ferry",
        "mpaa_rating": "NR",
        "where_playing": "At the Angelika",
        "language": "In French with English subtitles",
        "running_time": 95,
    }
    assert [(c.person, c.role, c.character) for c in story.credits] == [("Maria Rossi", "cast", "")]
    assert story.byline == "June Whitcombe"
    assert story.as_json()["body_paragraphs"] == 2


@pytest.mark.parametrize(
    "printed, minutes",
    [("95 minutes", 95), ("1 hour", 60), ("1 hour 1 minute", 61), ("2 hours 8 minutes", 128),
     ("1 hr. 52 min.", 112), ("Running time: 2 hours 8 minutes", 128)],
)  # fmt: skip
def test_running_times_as_papers_print_them_are_read(printed, minutes):
    assert recognise(read_story(f"Body.\n\nPG. {printed}.")).facts["running_time"].value == minutes


def test_printed_and_confirmed_again_it_is_the_same_review_as_a_draft(la_la_land):
    from reviews.copydesk import preview
    from reviews.copydesk.services import Choice, create_draft

    film = la_la_land.film
    facts = (film.title, film.mpaa_rating, film.running_time, film.content_advisory,
             film.where_playing, film.trailer_caption, film.trailer_credit)  # fmt: skip
    credits = {(c.person.name, c.role, c.character) for c in film.credits.all()}
    placed = [(p.photo, p.after_paragraph) for p in la_la_land.placements.all()]
    body, critic, dek = la_la_land.body, la_la_land.critic, la_la_land.dek
    story = read_back(la_la_land)
    la_la_land.delete()
    film.delete()  # its stills stay in the library, where the copy desk finds them

    library = {slot.index: found[0] for slot, found in preview.build(story)["stills"]}
    draft = create_draft(story, Choice(critic=critic, chosen=story.keys(), library=library))

    new = draft.film
    assert (new.title, new.mpaa_rating, new.running_time, new.content_advisory,
            new.where_playing, new.trailer_caption, new.trailer_credit) == facts  # fmt: skip
    assert {(c.person.name, c.role, c.character) for c in new.credits.all()} == credits
    assert [(p.photo, p.after_paragraph) for p in draft.placements.all()] == placed
    assert [plain_text(b) for b in split_blocks(draft.body)] == [
        plain_text(b) for b in split_blocks(body)
    ]
    assert draft.dek == dek
    assert draft.rating == 4
    assert not draft.is_published


def test_the_film_tables_triggers_survive_the_language_column():
    """0016 adds Film.language without rebuilding the table on SQLite, whose rebuild would
    drop the triggers that keep the content version (0006) and the search index (0010)."""
    from django.db import connection

    queries = {
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'reviews_film'",
        "postgresql": "SELECT tgname FROM pg_trigger WHERE tgrelid = 'reviews_film'::regclass "
        "AND NOT tgisinternal",
    }
    with connection.cursor() as cursor:
        cursor.execute(queries[connection.vendor])
        triggers = {name for (name,) in cursor.fetchall()}

    assert any("content" in name for name in triggers), triggers
    if connection.vendor == "sqlite":  # PostgreSQL's search is a generated column
        assert any("search" in name for name in triggers), triggers
    assert factories.FilmFactory(language="In Danish").language == "In Danish"
