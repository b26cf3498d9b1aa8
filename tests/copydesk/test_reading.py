"""Reading a story: plain text, Markdown and HTML to paragraphs; odd input refused clearly."""

import pytest

from reviews.copydesk import StoryError, decode_story, read_story
from reviews.copydesk.reading import MAX_STORY_CHARACTERS, detect_format


def test_plain_text_is_split_at_blank_lines_and_escaped():
    paragraphs = read_story("One <b>line</b>\nwrapped.\r\n\r\nTwo.")

    assert [p.text for p in paragraphs] == ["One <b>line</b> wrapped.", "Two."]
    assert paragraphs[0].html == "<p>One &lt;b&gt;line&lt;/b&gt; wrapped.</p>"


def test_markdown_keeps_emphasis_links_and_quotes():
    text = (
        "# ‘Harbor Lights’ Review\n\nThe *best* film, [its site](https://example.com/).\n\n"
        '> "A line," she says.'
    )
    paragraphs = read_story(text)

    assert paragraphs[0].heading and paragraphs[0].text == "‘Harbor Lights’ Review"
    assert paragraphs[1].text == "The best film, its site."
    assert paragraphs[1].html == (
        '<p>The <em>best</em> film, <a href="https://example.com/" rel="noopener noreferrer">'
        "its site</a>.</p>"
    )
    assert paragraphs[2].html == '<blockquote><p>"A line," she says.</p></blockquote>'


def test_a_markdown_subheading_stays_one():
    paragraphs = read_story("Text.\n\n## The score\n\nMore text.")

    assert paragraphs[1].heading and paragraphs[1].html == "<h2>The score</h2>"


def test_html_is_sanitised_and_split_into_blocks():
    text = (
        "<h1>Harbor Lights</h1><p onclick='x()'>The <em>best</em> film.<script>alert(1)"
        "</script></p><figure><img src=x><figcaption>The harbor. (Northlight)</figcaption>"
        "</figure>"
    )
    paragraphs = read_story(text)

    texts = [p.text for p in paragraphs]
    assert texts == ["Harbor Lights", "The best film.", "The harbor. (Northlight)"]
    assert paragraphs[0].heading
    assert paragraphs[1].html == "<p>The <em>best</em> film.</p>"
    assert "script" not in "".join(p.html for p in paragraphs)


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("story.html", "plain", "html"),
        ("story.md", "plain", "markdown"),
        ("story.txt", "<p>x</p>", "text"),
        ("", "<p>x</p>", "html"),
        ("", "# Heading\n\nText", "markdown"),
        ("", "Just text.", "text"),
    ],
)
def test_the_format_is_told_by_name_else_by_look(name, text, expected):
    assert detect_format(text, name) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the story is empty"),
        ("  \n\n  ", "the story is empty"),
        ("<p></p><script>x</script>", "the story holds no text"),
    ],
)
def test_empty_stories_are_refused(text, message):
    with pytest.raises(StoryError, match=message):
        read_story(text)


def test_a_story_far_too_long_is_refused_with_its_length():
    with pytest.raises(StoryError, match="at most 200,000 are read"):
        read_story("word " * (MAX_STORY_CHARACTERS // 4))


def test_binary_is_refused_and_windows_text_is_read():
    with pytest.raises(StoryError, match="binary file"):
        decode_story(b"\x89PNG\r\n\x1a\n\x00\x00", "still.png")

    assert decode_story("Café".encode("cp1252")) == "Café"
    assert decode_story("\ufeffCafé".encode()) == "Café"
