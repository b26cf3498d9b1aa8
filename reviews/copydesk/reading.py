"""Reading a story: bytes or pasted text to paragraphs, each with its text and its HTML.

Plain text and Markdown are split at blank lines; HTML is sanitised first (the allow-list
of reviews/sanitize.py) and split into its top-level blocks. Each paragraph keeps its plain
text, which the rules read, and its HTML, which goes into the body as it is.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from reviews.copydesk.errors import StoryError
from reviews.public.body import split_blocks
from reviews.sanitize import sanitize_html

#: The longest story read: a long review is some 30 KB; anything far beyond is not one.
MAX_STORY_CHARACTERS = 200_000
FORMATS = ("text", "markdown", "html")

#: Blocks the body does not allow but a pasted page holds: read as paragraphs.
_AS_PARAGRAPH = re.compile(r"<(/?)(?:h1|h4|h5|h6|figcaption|div|section|article)\b[^>]*>", re.I)
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|blockquote|h\d|hr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Paragraph:
    """One block of the story: what it says, and its HTML for the body."""

    text: str
    html: str
    heading: bool = False


def decode_story(data: bytes, name: str = "the file") -> str:
    """The text of a file: UTF-8 (with or without BOM), else Windows-1252; never binary."""
    if b"\x00" in data[:8192]:
        raise StoryError(f"{name} is a binary file, not text; save the story as text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def detect_format(text: str, name: str = "") -> str:
    """``html``, ``markdown`` or ``text``: by the file's extension, else by its look."""
    suffix = Path(name).suffix.lower()
    if suffix in {".html", ".htm"}:
        return "html"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix == ".txt":
        return "text"
    if re.search(r"<(p|h[1-6]|div|blockquote|br)\b[^>]*>", text, re.I):
        return "html"
    if re.search(r"^#{1,3} \S|\*[^*\n]+\*|\[[^\]\n]+\]\(https?://", text, re.M):
        return "markdown"
    return "text"


def read_story(text: str, story_format: str | None = None, name: str = "") -> list[Paragraph]:
    """The paragraphs of a story; raises StoryError when there is nothing to read."""
    if len(text) > MAX_STORY_CHARACTERS:
        raise StoryError(
            f"the story is {len(text):,} characters long; at most {MAX_STORY_CHARACTERS:,} "
            "are read (is this one review?)"
        )
    if not text.strip():
        raise StoryError("the story is empty")
    story_format = story_format or detect_format(text, name)
    reader = {"html": _read_html, "markdown": _read_markdown}.get(story_format, _read_text)
    paragraphs = [p for p in reader(text) if p.text]
    if not paragraphs:
        raise StoryError("the story holds no text")
    return paragraphs


def _split_at_blank_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def _read_text(text: str) -> list[Paragraph]:
    paragraphs = []
    for block in _split_at_blank_lines(text):
        words = " ".join(block.split())
        paragraphs.append(Paragraph(words, f"<p>{html.escape(words, quote=False)}</p>"))
    return paragraphs


def _markdown_inline(text: str) -> str:
    """Escaped text with Markdown's emphasis and links as HTML."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"<em>\1</em>", out)
    return re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r'<a href="\2">\1</a>', out)


def _markdown_block(block: str) -> Paragraph:
    lines = [line.strip() for line in block.split("\n")]
    heading = re.match(r"#{1,6}\s+", lines[0]) is not None
    quote = all(line.startswith(">") for line in lines)
    lines = [re.sub(r"^(?:#{1,6}\s+|>\s?)", "", line) for line in lines]
    words = " ".join(" ".join(lines).split())
    inner = _markdown_inline(words)
    if heading:
        markup = f"<h2>{inner}</h2>"  # a subheading; the first one is taken as the headline
    elif quote:
        markup = f"<blockquote><p>{inner}</p></blockquote>"
    else:
        markup = f"<p>{inner}</p>"
    return Paragraph(plain_text(inner), sanitize_html(markup), heading=heading)


def _read_markdown(text: str) -> list[Paragraph]:
    return [_markdown_block(block) for block in _split_at_blank_lines(text)]


def plain_text(markup: str) -> str:
    """The words of an HTML fragment: blocks apart, inline tags (em, a) gone."""
    return " ".join(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", markup))).split())


def _read_html(text: str) -> list[Paragraph]:
    headings = {plain_text(h) for h in re.findall(r"<h1\b[^>]*>(.*?)</h1>", text, re.I | re.S)}
    cleaned = sanitize_html(_AS_PARAGRAPH.sub(r"<\1p>", text))
    paragraphs = []
    for block in split_blocks(cleaned):
        if not block.startswith("<"):
            block = f"<p>{block}</p>"
        words = plain_text(block)
        paragraphs.append(Paragraph(words, block, heading=words in headings))
    return paragraphs
