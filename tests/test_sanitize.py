"""Editor HTML through the allow-list: hostile markup comes out inert, the rest is kept."""

import pytest

from reviews.sanitize import sanitize_html
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = [
    ('<p>Hi<script>alert("x")</script></p>', "<p>Hi</p>"),
    ('<p onclick="steal()">Click</p>', "<p>Click</p>"),
    ('<a href="javascript:alert(1)">link</a>', '<a rel="noopener noreferrer">link</a>'),
    ('<a href="JaVaScRiPt:alert(1)">link</a>', '<a rel="noopener noreferrer">link</a>'),
    ('<img src="x" onerror="alert(1)">', ""),
    ("<style>body{display:none}</style><p>Text</p>", "<p>Text</p>"),
    ('<iframe src="https://evil.example"></iframe><p>Text</p>', "<p>Text</p>"),
    ('<p style="position:fixed">Styled</p>', "<p>Styled</p>"),
    ("<svg><script>alert(1)</script></svg>", ""),
    ('<form action="/x"><input name="a"></form>', ""),
    ("<!-- comment --><p>Text</p>", "<p>Text</p>"),
]


@pytest.mark.parametrize(("dirty", "clean"), HOSTILE)
def test_hostile_html_comes_out_inert(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_allowed_markup_is_kept():
    html = (
        "<h2>Verdict</h2><p>A <em>great</em> and <strong>bold</strong> film; "
        '<a href="https://example.com/" title="More">read more</a>.</p>'
        "<blockquote><p>A quote.</p></blockquote><ul><li>One</li></ul><ol><li>Two</li></ol>"
    )
    cleaned = sanitize_html(html)
    for fragment in [
        "<h2>Verdict</h2>",
        "<em>great</em>",
        "<strong>bold</strong>",
        '<a href="https://example.com/" title="More" rel="noopener noreferrer">read more</a>',
        "<blockquote><p>A quote.</p></blockquote>",
        "<ul><li>One</li></ul>",
        "<ol><li>Two</li></ol>",
    ]:
        assert fragment in cleaned


def test_empty_link_title_from_the_editor_dialog_is_dropped_and_a_real_one_kept():
    assert sanitize_html('<p><a href="https://example.com/" title="">notes</a></p>') == (
        '<p><a href="https://example.com/" rel="noopener noreferrer">notes</a></p>'
    )
    assert sanitize_html('<p><a href="https://example.com/" title="Notes">n</a></p>') == (
        '<p><a href="https://example.com/" title="Notes" rel="noopener noreferrer">n</a></p>'
    )


def test_empty_editor_paragraph_is_empty():
    assert sanitize_html("<p></p>") == ""
    assert sanitize_html(None) == ""


@pytest.mark.django_db
def test_review_body_is_sanitised_on_save_whatever_the_path():
    review = factories.ReviewFactory(body='<p onmouseover="x()">Fine<script>bad()</script></p>')
    review.refresh_from_db()
    assert review.body == "<p>Fine</p>"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            '<blockquote cite="javascript:alert(1)"><p>Q</p></blockquote>',
            "<blockquote><p>Q</p></blockquote>",
        ),
        ('<q cite="vbscript:x">Q</q>', "<q>Q</q>"),
        ('<q cite="data:text/html,x">Q</q>', "<q>Q</q>"),
        ('<ol start="1 onmouseover=alert(1)"><li>A</li></ol>', "<ol><li>A</li></ol>"),
        (
            '<q cite="https://example.com/source">Q</q>',
            '<q cite="https://example.com/source">Q</q>',
        ),
        ('<ol start="3"><li>A</li></ol>', '<ol start="3"><li>A</li></ol>'),
    ],
)
def test_quotation_sources_must_be_web_addresses_and_list_starts_numbers(dirty, clean):
    assert sanitize_html(dirty) == clean
