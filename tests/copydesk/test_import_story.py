"""``manage.py import_story``: the preview as text or JSON, writing nothing; the draft; and a
one-line reason for a file it cannot read."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reviews.models import Credit, Film, Person, Review, ReviewStatus
from tests import factories
from tests.copydesk.stories import HARBOR_LIGHTS

pytestmark = pytest.mark.django_db


def run(*args, stderr: StringIO | None = None) -> str:
    out = StringIO()
    call_command("import_story", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


@pytest.fixture
def story_file(tmp_path):
    path = tmp_path / "harbor.txt"
    path.write_text(HARBOR_LIGHTS, encoding="utf-8")
    return path


def test_dry_run_prints_the_preview_as_json_with_the_issues_keys(story_file):
    printed = json.loads(run(str(story_file), "--dry-run", "--format", "json"))

    assert set(printed) == {"film", "stills", "trailer", "credits", "body_paragraphs"}
    assert printed["film"] == {
        "title": "Harbor Lights",
        "mpaa_rating": "R",
        "running_time_minutes": 112,
        "advisory": "Contains violence and brief nudity",
        "where_playing": "At the Avalon and AMC Georgetown",
    }
    assert printed["stills"] == [
        {"position": 1, "caption": "Maria Rossi as the ferry pilot Ada.",
         "credit": "Tom Baker/Northlight Pictures"},
        {"position": 2, "caption": "The harbor at dawn.", "credit": "Northlight Pictures"},
    ]  # fmt: skip
    assert printed["trailer"] == {
        "caption": "The trailer for “Harbor Lights.”",
        "credit": "Northlight Pictures",
    }
    assert printed["credits"] == [
        {"person": "Maria Rossi", "role": "cast", "character": "Ada"},
        {"person": "Jan Novak", "role": "director", "character": ""},
        {"person": "Lena Park", "role": "composer", "character": ""},
        {"person": "Sam Ortiz", "role": "editor", "character": ""},
        {"person": "Jonas Berg", "role": "cast", "character": "Tomas"},
    ]
    assert printed["body_paragraphs"] == 3


def test_dry_run_writes_nothing(story_file, critic_user):
    run(str(story_file), "--dry-run")

    assert not Film.objects.exists()
    assert not Person.objects.exists()
    assert not Review.objects.exists()


def test_the_text_preview_cites_each_sentence(story_file):
    printed = run(str(story_file), "--dry-run")

    assert "Running time: 112 minutes  <- ¶9 “1 hour 52 minutes.”" in printed
    assert "Director: Jan Novak [a new person]  <- ¶3 “Ada (Maria Rossi) steers it" in printed
    assert "still 2 after paragraph 2: The harbor at dawn. (Northlight Pictures)" in printed


def test_without_dry_run_a_draft_is_written_by_the_bylined_critic(story_file, critic_user):
    run(str(story_file))

    review = Review.objects.get()
    assert review.status == ReviewStatus.DRAFT and not review.is_published
    assert review.critic == critic_user.critic
    assert review.headline == "‘Harbor Lights’ Finds Its Way Home"
    assert review.rating == 3
    film = review.film
    assert (film.title, film.mpaa_rating, film.running_time) == ("Harbor Lights", "R", 112)
    assert film.trailer_credit == "Northlight Pictures"
    assert Credit.objects.filter(film=film).count() == 5
    # No picture in the library has these captions: they stay in the body, as the output said.
    assert "The harbor at dawn. (Northlight Pictures)" in review.body


def test_a_library_still_with_the_caption_is_placed(story_file, critic_user):
    photo = factories.PhotoFactory(caption="The harbor at dawn.", credit_line="Northlight Pictures")

    run(str(story_file))

    review = Review.objects.get()
    # After three paragraphs: the first caption, with no picture, stays in the body.
    assert [(p.photo, p.after_paragraph) for p in review.placements.all()] == [(photo, 3)]
    assert review.lead_still == photo
    assert "The harbor at dawn." not in review.body


def test_an_existing_film_is_matched_and_keeps_what_it_says(story_file, critic_user):
    film = factories.FilmFactory(title="Harbor Lights", mpaa_rating="PG-13", running_time=None)

    run(str(story_file))

    film.refresh_from_db()
    assert Review.objects.get().film == film
    assert (film.mpaa_rating, film.running_time) == ("PG-13", 112)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "the story is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is a binary file"),
        (b"x" * (3 * 1024 * 1024), "is far longer than a review"),
        (b"word " * 50_000, "at most 200,000 are read"),
    ],
)
def test_odd_files_stop_with_a_one_line_reason(tmp_path, content, reason):
    path = tmp_path / "story.txt"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=reason) as raised:
        run(str(path), "--dry-run")

    assert "\n" not in str(raised.value)


def test_a_missing_file_and_an_unknown_critic_are_named(tmp_path, story_file):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "none.txt"))
    with pytest.raises(CommandError, match='--critic "nobody": no critic has this slug'):
        run(str(story_file), "--critic", "nobody")
    assert not Film.objects.exists()


def test_a_story_without_a_title_asks_for_one(tmp_path, critic_user):
    path = tmp_path / "story.txt"
    path.write_text("A film without a name.\n\nPG. 95 minutes.", encoding="utf-8")

    with pytest.raises(CommandError, match="film title: none was found"):
        run(str(path), "--critic", "tomas-okafor")

    run(str(path), "--critic", "tomas-okafor", "--title", "Nameless")
    assert Review.objects.get().film.title == "Nameless"


def test_html_and_markdown_files_are_read_and_sanitised(tmp_path, critic_user):
    html = tmp_path / "story.html"
    html.write_text(
        "<h1>A Ferry in the Fog</h1><p>By Tomás Okafor</p><p>In <em>“Le Ferry”</em> a pilot "
        "waits.<script>alert(1)</script></p><p>Unrated. In French with English subtitles. "
        "95 minutes.</p>",
        encoding="utf-8",
    )
    markdown = tmp_path / "story.md"
    markdown.write_text(
        "# A Ferry in the Fog\n\nIn *“Le Ferry”* a [pilot](https://example.com/) waits.\n\n"
        "PG. 95 minutes.\n",
        encoding="utf-8",
    )

    printed = json.loads(run(str(html), "--dry-run", "--format", "json"))
    assert printed["film"]["title"] == "Le Ferry"
    run(str(html))
    run(str(markdown), "--critic", "tomas-okafor", "--headline", "Second Look")

    first, second = Review.objects.order_by("id")
    assert first.body == "<p>In <em>“Le Ferry”</em> a pilot waits.</p>"
    assert first.film.language == "In French with English subtitles"
    assert second.film == first.film
    assert second.headline == "Second Look"
    assert second.body == (
        '<p>In <em>“Le Ferry”</em> a <a href="https://example.com/" rel="noopener noreferrer">'
        "pilot</a> waits.</p>"
    )


def test_notes_are_said_on_stderr_even_with_json(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("In “Le Ferry” a pilot waits.", encoding="utf-8")
    errors = StringIO()

    printed = json.loads(run(str(path), "--dry-run", "--format", "json", stderr=errors))

    assert printed["film"]["mpaa_rating"] is None and printed["trailer"] is None
    assert "note: No facts line was found" in errors.getvalue()
