"""The copy desk's rules: facts lines, captions and credit lines, trailers, cast and crew,
titles in quotes; every proposal cites its sentence, and what matches nothing stays."""

import pytest

from reviews.copydesk import read_story, recognise
from reviews.copydesk.story import Story

BODY = "The film opens on a ferry in the fog, and it never quite lifts."


def story(*paragraphs: str) -> Story:
    return recognise(read_story("\n\n".join(paragraphs)))


def facts(found: Story) -> dict:
    return {name: fact.value for name, fact in found.facts.items()}


# The facts line -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "R. At the Avalon and AMC Georgetown. Contains violence and brief nudity. "
            "1 hour 52 minutes.",
            {
                "mpaa_rating": "R",
                "where_playing": "At the Avalon and AMC Georgetown",
                "content_advisory": "Contains violence and brief nudity",
                "running_time": 112,
            },
        ),
        ("PG. At area theaters. 95 minutes.",
         {"mpaa_rating": "PG", "where_playing": "At area theaters", "running_time": 95}),
        (
            "Unrated. At the Angelika. In French with English subtitles. 2 hours 8 minutes.",
            {
                "mpaa_rating": "NR",
                "where_playing": "At the Angelika",
                "language": "In French with English subtitles",
                "running_time": 128,
            },
        ),
        (
            "Not rated. Available on Netflix. Contains strong language. 101 minutes.",
            {
                "mpaa_rating": "NR",
                "where_playing": "Available on Netflix",
                "content_advisory": "Contains strong language",
                "running_time": 101,
            },
        ),
        # Another order, and pieces missing.
        ("98 minutes. Contains mild peril. PG-13.",
         {"running_time": 98, "content_advisory": "Contains mild peril", "mpaa_rating": "PG-13"}),
        ("At area theaters. NC-17.", {"where_playing": "At area theaters", "mpaa_rating": "NC-17"}),
        ("2 hours. G. At the Uptown.",
         {"running_time": 120, "mpaa_rating": "G", "where_playing": "At the Uptown"}),
    ],
)  # fmt: skip
def test_facts_line_in_any_order_and_with_parts_missing(line, expected):
    found = story(BODY, line)

    assert facts(found) == expected
    assert found.as_json()["body_paragraphs"] == 1


def test_each_fact_cites_the_sentence_it_came_from():
    found = story(BODY, "PG. At area theaters. 95 minutes.")

    sources = {name: (f.source.paragraph, f.source.sentence) for name, f in found.facts.items()}
    assert sources == {
        "mpaa_rating": (2, "PG."),
        "where_playing": (2, "At area theaters."),
        "running_time": (2, "95 minutes."),
    }


def test_a_paragraph_with_one_sentence_that_is_no_fact_stays_in_the_body():
    found = story(BODY, "PG. At area theaters. The popcorn is stale. 95 minutes.")

    assert found.facts == {}
    assert found.as_json()["body_paragraphs"] == 2
    assert any("No facts line" in note for note in found.notes)


def test_an_implausible_running_time_is_not_read_as_one():
    found = story(BODY, "PG. At area theaters. 900 minutes.")

    assert "running_time" not in found.facts


def test_a_second_facts_line_that_disagrees_is_noted_not_lost():
    found = story(BODY, "PG. 95 minutes.", "R. 95 minutes.")

    assert facts(found)["mpaa_rating"] == "PG"
    assert any("“R” in paragraph 3 differs from “PG”" in note for note in found.notes)


def test_no_facts_line_is_said():
    found = story(BODY, "Another paragraph of the review.")

    assert found.notes == [
        "No facts line was found (rating, where playing, advisory, running time): the film's "
        "facts are left as they are."
    ]


@pytest.mark.parametrize(
    "printed, value",
    [("★★★½", "3.5"), ("★★★★", "4"), ("☆☆☆☆", "0"), ("½☆☆☆", "0.5"), ("3½ stars", "3.5"),
     ("2 stars out of four", "2.0"), ("Rating: 1 star", "1.0")],
)  # fmt: skip
def test_the_star_rating_alone_or_at_the_head_of_the_facts_line(printed, value):
    alone = story(BODY, printed)
    after = " " if printed[0] in "★☆½" else ". "  # signs lead the line; words end a sentence
    heading = story(BODY, f"{printed}{after}PG. At area theaters. 95 minutes.")

    assert float(facts(alone)["stars"]) == float(value)
    assert facts(heading) == {
        "stars": facts(alone)["stars"],
        "mpaa_rating": "PG",
        "where_playing": "At area theaters",
        "running_time": 95,
    }
    assert heading.facts["stars"].key == "review.stars"


def test_five_stars_are_not_a_rating():
    assert "stars" not in story(BODY, "★★★★★").facts


# Captions, credit lines and the trailer --------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, caption, credit",
    [
        ("Maria Rossi as the ferry pilot Ada. (Tom Baker/Northlight Pictures)",
         "Maria Rossi as the ferry pilot Ada.", "Tom Baker/Northlight Pictures"),
        ("The harbor at dawn. (Northlight Pictures)", "The harbor at dawn.", "Northlight Pictures"),
        ("A crowded market scene. ( / Northlight Pictures)", "A crowded market scene.",
         "Northlight Pictures"),
        ("Emma Stone as aspiring actress Mia. (Dale Robinette / Lionsgate)",
         "Emma Stone as aspiring actress Mia.", "Dale Robinette/Lionsgate"),
    ],
)  # fmt: skip
def test_caption_paragraphs_give_a_still_with_its_credit_line(paragraph, caption, credit):
    found = story(BODY, paragraph, BODY)

    assert found.as_json()["stills"] == [{"position": 1, "caption": caption, "credit": credit}]
    assert found.stills[0].source.sentence == paragraph
    assert found.as_json()["body_paragraphs"] == 2


def test_a_body_paragraph_ending_in_parentheses_is_not_a_caption():
    found = story(BODY, "She is played, with great wit, by a newcomer (Maria Rossi)")

    assert found.stills == []
    assert found.as_json()["body_paragraphs"] == 2


def test_stills_are_placed_after_the_paragraphs_before_them():
    found = story("A. One.", "First. (A/B)", "B. Two.", "C. Three.", "Second. (C)")

    assert [s["position"] for s in found.as_json()["stills"]] == [1, 3]


def test_a_caption_that_mentions_a_trailer_is_the_trailer():
    found = story(BODY, "The trailer for “Harbor Lights.” (Northlight Pictures)")

    assert found.as_json()["trailer"] == {
        "caption": "The trailer for “Harbor Lights.”",
        "credit": "Northlight Pictures",
    }
    assert found.stills == []


def test_an_unticked_caption_stays_in_the_body_as_text():
    found = story(BODY, "The harbor at dawn. (Northlight Pictures)", BODY)

    body, stills = found.arrange(chosen=set())

    assert stills == []
    assert [p.text for p in body] == [BODY, "The harbor at dawn. (Northlight Pictures)", BODY]


# Cast and crew ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ada (Maria Rossi) steers the ferry.", ("Maria Rossi", "cast", "Ada")),
        ("Maria Rossi as Ada is superb.", ("Maria Rossi", "cast", "Ada")),
        ("Later, Jonas Berg as the harbor master Tomas arrives.", ("Jonas Berg", "cast", "Tomas")),
        ("Emma Stone (Mia) sings.", ("Emma Stone", "cast", "Mia")),
        ("It is the best work of director Jan Novak.", ("Jan Novak", "director", "")),
        ("Then composer Lena Park's score swells.", ("Lena Park", "composer", "")),
        ("The cinematographer Piotr Wells loves fog.", ("Piotr Wells", "cinematographer", "")),
        ("Editor Sam Ortiz keeps it brisk.", ("Sam Ortiz", "editor", "")),
        ("It was directed by Jan Novak in a month.", ("Jan Novak", "director", "")),
    ],
)  # fmt: skip
def test_cast_and_crew_named_in_the_body(sentence, expected):
    found = story(sentence, "PG. 95 minutes.")

    assert [(c.person, c.role, c.character) for c in found.credits] == [expected]
    assert found.credits[0].source.sentence == sentence


def test_honorifics_and_pronouns_are_not_people():
    found = story("Mr. Gosling and Ms. Stone dance as They Might (on a bench).", "PG. 95 minutes.")

    assert found.credits == []


def test_a_credits_block_gives_every_role_and_character():
    block = (
        "Directed by Damien Chazelle; written by Damien Chazelle; director of photography, "
        "Linus Sandgren; edited by Tom Cross; music by Justin Hurwitz; produced by Fred Berger, "
        "Jordan Horowitz and Marc Platt. With Ryan Gosling (Sebastian), Emma Stone (Mia) and "
        "J.K. Simmons (Bill)."
    )
    found = story(BODY, block)

    assert [(c.person, c.role, c.character) for c in found.credits] == [
        ("Damien Chazelle", "director", ""),
        ("Damien Chazelle", "screenwriter", ""),
        ("Linus Sandgren", "cinematographer", ""),
        ("Tom Cross", "editor", ""),
        ("Justin Hurwitz", "composer", ""),
        ("Fred Berger", "producer", ""),
        ("Jordan Horowitz", "producer", ""),
        ("Marc Platt", "producer", ""),
        ("Ryan Gosling", "cast", "Sebastian"),
        ("Emma Stone", "cast", "Mia"),
        ("J.K. Simmons", "cast", "Bill"),
    ]
    assert found.credits[3].source.sentence == "edited by Tom Cross"
    assert found.as_json()["body_paragraphs"] == 1


def test_the_same_credit_named_twice_is_proposed_once():
    found = story("Ada (Maria Rossi) waits.", "Maria Rossi as Ada. (Northlight)", "PG. 9 minutes.")

    assert [(c.person, c.character) for c in found.credits] == [("Maria Rossi", "Ada")]


# Titles, headline and byline ------------------------------------------------------------


@pytest.mark.parametrize(
    "quoted",
    ["“Harbor Lights”", '"Harbor Lights"', "“Harbor Lights\"", "\"Harbor Lights”",
     "‘Harbor Lights’", "'Harbor Lights'", "“Harbor Lights,”"],
)  # fmt: skip
def test_the_title_in_straight_curly_or_mismatched_quotes(quoted):
    found = story(f"In {quoted} a ferry pilot waits, and it's the pilot's film.", "PG. 95 min.")

    assert facts(found)["title"] == "Harbor Lights"


def test_the_title_quoted_most_often_wins_over_a_quotation():
    found = story(
        "“People love what other people are passionate about,” she says in “Harbor Lights.”",
        "“Harbor Lights” is long.",
        "PG. 95 minutes.",
    )

    assert facts(found)["title"] == "Harbor Lights"


def test_a_title_sentence_in_the_facts_line_wins():
    found = story("“Other Film” is mentioned.", "“Harbor Lights.” PG. 95 minutes.")

    assert facts(found)["title"] == "Harbor Lights"
    assert found.facts["title"].source.sentence == "“Harbor Lights.”"


def test_headline_and_byline_come_off_the_top():
    found = story("‘Harbor Lights’ Finds Its Way Home", "By Harriet Vance", BODY, "PG. 95 minutes.")

    assert found.headline == "‘Harbor Lights’ Finds Its Way Home"
    assert found.byline == "Harriet Vance"
    assert facts(found)["title"] == "Harbor Lights"
    assert found.as_json()["body_paragraphs"] == 1


def test_a_short_line_between_headline_and_byline_is_the_dek():
    found = story("‘Harbor Lights’ Finds Its Way Home", "A ferry pilot, a fog, a town.",
                  "By Harriet Vance", BODY)  # fmt: skip

    assert (found.dek, found.byline) == ("A ferry pilot, a fog, a town.", "Harriet Vance")
    assert found.as_json()["body_paragraphs"] == 1


def test_without_a_byline_after_it_the_second_paragraph_is_body():
    found = story("‘Harbor Lights’ Finds Its Way Home", "A ferry pilot, a fog, a town.", BODY)

    assert found.dek == ""
    assert found.as_json()["body_paragraphs"] == 2


def test_text_that_matches_nothing_stays_in_the_body():
    paragraphs = [BODY, "A second thought; with a semicolon.", "Is it good? Yes (mostly)."]
    found = story(*paragraphs)

    body, _ = found.arrange()
    assert [p.text for p in body] == paragraphs


def test_a_repeated_paragraph_is_cited_by_its_own_number():
    found = story("Under director Jan Novak", "Some words.", "Under director Jan Novak")

    assert found.headline == "Under director Jan Novak"
    assert [(c.person, c.source.paragraph) for c in found.credits] == [("Jan Novak", 3)]
