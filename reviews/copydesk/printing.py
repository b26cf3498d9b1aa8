"""A review as the paper prints it, in plain text: what the copy desk reads back.

Headline, dek, byline, the body's paragraphs with each still's caption and credit line after the
paragraph it follows, the trailer's caption, a credits block and the facts line. Credits of
other jobs ("Production designer") are not printed: the credits block has no form for them.
"""

from __future__ import annotations

from collections import defaultdict

from reviews.copydesk.reading import plain_text
from reviews.models import CreditRole, MPAARating, Review
from reviews.public.body import split_blocks

#: The credits block's clauses, in the order papers print them.
CREW_CLAUSES = [
    (CreditRole.DIRECTOR, "Directed by"),
    (CreditRole.SCREENWRITER, "written by"),
    (CreditRole.CINEMATOGRAPHER, "director of photography,"),
    (CreditRole.EDITOR, "edited by"),
    (CreditRole.COMPOSER, "music by"),
    (CreditRole.PRODUCER, "produced by"),
]


def listed(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def credits_block(review: Review) -> str:
    by_role: dict[str, list] = defaultdict(list)
    for credit in review.film.credits.select_related("person").order_by("billing", "id"):
        by_role[credit.role].append(credit)
    clauses = [
        f"{words} {listed([c.person.name for c in by_role[role]])}"
        for role, words in CREW_CLAUSES
        if by_role[role]
    ]
    cast = [
        f"{c.person.name} ({c.character})" if c.character else c.person.name
        for c in by_role[CreditRole.CAST]
    ]
    text = "; ".join(clauses)
    if cast:
        text = f"{text}. With {listed(cast)}" if text else f"With {listed(cast)}"
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def stars(review: Review) -> str:
    """The rating in stars: "★★★½", "☆☆☆☆" for none of four; empty when not rated."""
    if review.rating is None:
        return ""
    whole, half = divmod(int(review.rating * 2), 2)
    return "★" * whole + "½" * half + "☆" * (4 - whole - half)


def facts_line(review: Review) -> str:
    film = review.film
    pieces = [stars(review), f"“{film.title}.”"]
    if film.mpaa_rating:
        label = "Not rated" if film.mpaa_rating == MPAARating.NOT_RATED else film.mpaa_rating
        pieces.append(f"{label}.")
    for text in (film.where_playing, film.content_advisory, film.language):
        if text:
            pieces.append(f"{text.rstrip('.')}.")
    if film.running_time:
        pieces.append(f"{film.running_time_display}.")  # "128 minutes", as the design says
    return " ".join(piece for piece in pieces if piece)


def _with_stills(review: Review, paragraphs: list[str]) -> list[str]:
    placed: dict[int, list[str]] = defaultdict(list)
    for placement in review.placements.select_related("photo"):
        photo = placement.photo
        placed[placement.after_paragraph].append(f"{photo.caption} ({photo.credit_line})")
    printed = list(placed[0])
    for number, paragraph in enumerate(paragraphs, start=1):
        printed += [paragraph, *placed[number]]
    for after in sorted(n for n in placed if n > len(paragraphs)):
        printed += placed[after]
    return printed


def print_review(review: Review) -> str:
    """The review as plain text, paragraphs apart, as the copy desk reads it back."""
    body = [plain_text(block) for block in split_blocks(review.body)]
    top = [review.headline, review.dek, f"By {review.critic.name}"]
    printed = [*top, *_with_stills(review, body)]
    film = review.film
    if film.trailer_caption:
        credit = f" ({film.trailer_credit})" if film.trailer_credit else ""
        printed.append(f"{film.trailer_caption}{credit}")
    printed += [credits_block(review), facts_line(review)]
    return "\n\n".join(p for p in printed if p) + "\n"
