"""Plain-text fields reach feed readers as text: a reader renders RSS descriptions and Atom
summaries as HTML, so a dek, film title, correction or critic's name written as markup
must arrive escaped, never as a tag to run."""

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest

from tests import factories

pytestmark = pytest.mark.django_db

PAYLOAD = "<img src=x onerror=alert(1)>"
ATOM = "{http://www.w3.org/2005/Atom}"


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)


def tags_in(markup: str) -> list[str]:
    """The elements a feed reader would build from ``markup``."""
    collector = TagCollector()
    collector.feed(markup)
    return collector.tags


@pytest.fixture
def hostile_review():
    critic = factories.CriticFactory(name=f"Critic {PAYLOAD}", slug="hostile")
    review = factories.ReviewFactory(
        published=True,
        critic=critic,
        headline=f"Headline {PAYLOAD}",
        dek=f"Dek {PAYLOAD}",
        film__title=f"Film {PAYLOAD}",
    )
    factories.CorrectionFactory(review=review, text=f"Correction {PAYLOAD}")
    return review


@pytest.mark.parametrize("url", ["/feeds/reviews.rss", "/feeds/critics/hostile.rss"])
def test_rss_description_of_plain_text_fields_holds_no_markup(client, hostile_review, url):
    root = ET.fromstring(client.get(url).content)
    channel = root.find("channel")
    [item] = channel.findall("item")
    description = item.findtext("description")
    assert tags_in(description) == []
    assert tags_in(channel.findtext("description")) == []
    # The words are all there, for the reader to see as text.
    for text in ("Dek", "Film", "Correction"):
        assert f"{text} &lt;img src=x onerror=alert(1)&gt;" in description
    # A feed reader shows the HTML it parsed: the payload as words, with no element.
    entry = feedparser.parse(client.get(url).content).entries[0]
    assert tags_in(entry.summary) == []
    assert f"Dek {PAYLOAD}" in html.unescape(entry.summary)


@pytest.mark.parametrize("url", ["/feeds/reviews.atom", "/feeds/critics/hostile.atom"])
def test_atom_summary_of_plain_text_fields_holds_no_markup(client, hostile_review, url):
    root = ET.fromstring(client.get(url).content)
    [entry] = root.findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    if summary.get("type") == "html":
        assert tags_in(summary.text) == []
    assert "Dek" in summary.text and "onerror" in summary.text
    for element in entry.iter():
        if element.get("type") in ("html", "xhtml"):
            assert tags_in(element.text or "") == [], element.tag
    # Text constructs (title, author name, subtitle) are text by their type.
    assert entry.find(f"{ATOM}title").get("type", "text") == "text"
    assert root.find(f"{ATOM}subtitle").get("type", "text") == "text"
    parsed = feedparser.parse(client.get(url).content)
    assert parsed.entries[0].title == f"Headline {PAYLOAD}"
    assert parsed.entries[0].author == f"Critic {PAYLOAD}"
    assert tags_in(parsed.entries[0].summary) == []
    assert f"Film {PAYLOAD}" in html.unescape(parsed.entries[0].summary)


def test_an_ampersand_in_a_film_title_is_shown_once_escaped(client):
    factories.ReviewFactory(published=True, film__title="Tom & Jerry", dek="")
    entry = feedparser.parse(client.get("/feeds/reviews.rss").content).entries[0]
    assert "Tom &amp; Jerry" in entry.summary
    assert "&amp;amp;" not in entry.summary
