"""Laying out a review's body: its top-level blocks, with the stills placed between them."""

from types import SimpleNamespace

from reviews.public.body import lay_out, split_blocks


def placed(after, name):
    return SimpleNamespace(after_paragraph=after, photo=name)


def test_split_blocks_keeps_nested_markup_in_one_block():
    html = (
        "<p>One <em>two</em></p><blockquote><p>Quote</p><p>More</p></blockquote><ul><li>x</li></ul>"
    )
    assert split_blocks(html) == [
        "<p>One <em>two</em></p>",
        "<blockquote><p>Quote</p><p>More</p></blockquote>",
        "<ul><li>x</li></ul>",
    ]


def test_split_blocks_handles_line_breaks_and_void_tags():
    html = "<p>a\nb</p>\n<hr>\n<p>c<br>d</p>"
    assert split_blocks(html) == ["<p>a\nb</p>", "<hr>", "<p>c<br>d</p>"]


def test_stills_go_after_their_paragraph_and_overflow_goes_last():
    parts = lay_out(
        "<p>1</p><p>2</p><p>3</p>",
        [placed(0, "top"), placed(2, "middle"), placed(9, "end")],
    )
    assert [part.html or part.still for part in parts] == [
        "top", "<p>1</p>", "<p>2</p>", "middle", "<p>3</p>", "end"
    ]  # fmt: skip


def test_empty_body_still_shows_stills():
    assert [part.still for part in lay_out("", [placed(3, "only")])] == ["only"]
