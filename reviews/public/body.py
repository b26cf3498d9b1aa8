"""Laying out a review body: its top-level blocks, with stills placed between them."""

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

VOID_TAGS = {"br", "hr", "img", "wbr"}


class _BlockSplitter(HTMLParser):
    """Finds where each top-level element of a (sanitised, well-formed) fragment ends."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.depth = 0
        self.cuts: list[int] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in VOID_TAGS:
            self.depth += 1
        elif self.depth == 0:
            self.cuts.append(self._offset() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0:
            self.cuts.append(self._offset() + len(f"</{tag}>"))


def split_blocks(html: str) -> list[str]:
    """Split an HTML fragment into its top-level blocks (paragraphs, quotes, lists)."""
    parser = _BlockSplitter(html)
    parser.feed(html)
    parser.close()
    blocks, start = [], 0
    for cut in parser.cuts:
        piece = html[start:cut].strip()
        if piece:
            blocks.append(piece)
        start = cut
    rest = html[start:].strip()
    if rest:
        blocks.append(rest)
    return blocks


@dataclass(frozen=True)
class BodyPart:
    html: str = ""
    still: Any = None


def lay_out(html: str, placements: list, lead: Any = None) -> list[BodyPart]:
    """Interleave body blocks with stills placed ``after_paragraph`` N (0 = before the first).

    A still placed after a paragraph beyond the end goes at the end, so none is lost. The
    ``lead`` photo, shown above the review, is not shown a second time in its body.
    """
    blocks = split_blocks(html)
    by_position: dict[int, list] = {}
    for placement in placements:
        if lead is not None and placement.photo == lead:
            continue
        position = min(placement.after_paragraph, len(blocks))
        by_position.setdefault(position, []).append(placement.photo)
    parts = [BodyPart(still=photo) for photo in by_position.get(0, [])]
    for number, block in enumerate(blocks, start=1):
        parts.append(BodyPart(html=block))
        parts.extend(BodyPart(still=photo) for photo in by_position.get(number, []))
    return parts
