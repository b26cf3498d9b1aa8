"""Writing a recognised story: the film, its credits, the stills and a draft review, in
one transaction. Anything wrong raises StoryError naming it, and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

import reversion
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError
from django.db.models import Model
from django.utils.text import slugify

from reviews.copydesk.errors import StoryError
from reviews.copydesk.story import FILM_FIELDS, StillSlot, Story
from reviews.importing.normalising import person_slug
from reviews.models import Credit, Critic, Film, Person, Photo, Review, ReviewStatus
from reviews.models.reviews import ReviewStill
from reviews.stills import services as stills
from reviews.stills.processing import delete_files
from reviews.transactions import WriteBusy, write_transaction

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

#: The facts a story may set on a film, and the film's field each one fills.
FACT_FIELDS = [name for name in FILM_FIELDS if name != "title"]


@dataclass
class Choice:
    """What the editor confirmed: the proposals kept (by key) and what was added to them."""

    critic: Critic
    chosen: set[str]
    headline: str = ""
    dek: str | None = None
    title: str = ""
    pictures: dict[int, UploadedFile] = field(default_factory=dict)
    library: dict[int, Photo] = field(default_factory=dict)
    user: AbstractBaseUser | None = None


def matching_film(title: str) -> Film | None:
    """The film of this title already here (the latest, when several share it)."""
    return Film.objects.filter(title__iexact=title.strip()).order_by("-year", "-id").first()


def unique_slug(model: type[Model], text: str, limit: int = 200) -> str:
    """A slug of ``text`` no row of ``model`` holds yet: "x", else "x-2", "x-3"..."""
    base = slugify(text)[:limit].strip("-") or model._meta.model_name
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def suggested_headline(story: Story, title: str) -> str:
    return story.headline or f"‘{title}’ review"


def _title(story: Story, choice: Choice) -> str:
    fact = story.facts.get("title")
    title = choice.title.strip() or (fact.value if fact and fact.key in choice.chosen else "")
    if not title:
        raise StoryError("film title: none was found in the story; type the film's title")
    return str(title)


def _checked(instance: Model, label: str, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        problems = "; ".join(
            f"{name.replace('_', ' ')}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
        raise StoryError(f"{label}: {problems}") from None


def _film(story: Story, choice: Choice) -> Film:
    """The film matched by title, or a new one; the story's facts fill what it lacks."""
    title = _title(story, choice)
    film = matching_film(title) or Film(title=title, slug=unique_slug(Film, title))
    for name in FACT_FIELDS:
        fact = story.facts.get(name)
        if fact and fact.key in choice.chosen and not getattr(film, name):
            setattr(film, name, fact.value)
    trailer = story.trailer
    if trailer and trailer.key in choice.chosen and not film.trailer_caption:
        film.trailer_caption, film.trailer_credit = trailer.caption, trailer.credit
    _checked(film, f"film “{title}”")
    film.save()
    return film


def _credits(story: Story, choice: Choice, film: Film) -> None:
    billing = {role: n for role, n in film.credits.values_list("role", "billing")}
    for proposal in story.credits:
        if proposal.key not in choice.chosen:
            continue
        person = Person.objects.filter(slug=person_slug(proposal.person)).first()
        if person is None:
            person = Person(name=proposal.person, slug=person_slug(proposal.person))
            _checked(person, f"credit “{proposal.person}”")
            person.save()
        billing[proposal.role] = billing.get(proposal.role, 0) + 1
        credit = Credit(
            film=film,
            person=person,
            role=proposal.role,
            character=proposal.character,
            billing=billing[proposal.role],
        )
        _checked(credit, f"credit “{proposal.person}”", exclude=["film", "person"])
        Credit.objects.get_or_create(
            film=film,
            person=person,
            role=proposal.role,
            character=proposal.character,
            job="",
            defaults={"billing": credit.billing},
        )


def _slot_label(slot: StillSlot) -> str:
    return f"still {slot.index + 1} (“{slot.caption[:60]}”)"


def check_pictures(slots: list[StillSlot], choice: Choice) -> None:
    """Every kept still has a picture, uploaded or from the library, each used once."""
    used: dict[int, StillSlot] = {}
    for slot in slots:
        photo = choice.library.get(slot.index)
        if photo is None and slot.index not in choice.pictures:
            raise StoryError(
                f"{_slot_label(slot)}: attach a picture, pick one from the library, or untick it"
            )
        if photo is not None and photo.pk in used:
            raise StoryError(
                f"{_slot_label(slot)}: the same library still as {_slot_label(used[photo.pk])}"
            )
        if photo is not None:
            used[photo.pk] = slot


def _photo(slot: StillSlot, choice: Choice, film: Film, stored: list[str]) -> Photo:
    if slot.index in choice.library:
        return choice.library[slot.index]
    photo = Photo(
        caption=slot.caption,
        credit_line=slot.credit,
        alt_text=slot.caption[:300],
        film=film,
        rights_holder=slot.credit.split("/")[-1][:200],
        uploaded_by=choice.user,
    )
    try:
        stills.save_still(photo, choice.pictures[slot.index])
    except ValidationError as error:
        raise StoryError(f"{_slot_label(slot)}: {' '.join(error.messages)}") from None
    stored.append(photo.image.name)
    return photo


def _stars(story: Story, choice: Choice) -> Decimal | None:
    fact = story.facts.get("stars")
    return Decimal(str(fact.value)) if fact and fact.key in choice.chosen else None


def _review(story: Story, choice: Choice, film: Film, body: list) -> Review:
    headline = (choice.headline or suggested_headline(story, film.title)).strip()
    review = Review(
        film=film,
        headline=headline,
        dek=(story.dek if choice.dek is None else choice.dek).strip(),
        slug=unique_slug(Review, headline),
        critic=choice.critic,
        rating=_stars(story, choice),
        body="\n".join(paragraph.html for paragraph in body),
        status=ReviewStatus.DRAFT,
    )
    _checked(review, "review")
    review.save()
    return review


def _place_stills(
    review: Review, slots: list[StillSlot], choice: Choice, stored: list[str]
) -> None:
    """Each still after its paragraph; the first leads the review (and the film, if it has
    no lead still yet)."""
    film = review.film
    for order, slot in enumerate(slots):
        photo = _photo(slot, choice, film, stored)
        ReviewStill.objects.create(
            review=review, photo=photo, after_paragraph=slot.position, order=order
        )
        if order == 0:
            review.lead_still = photo
            review.save(update_fields=["lead_still"])
        if film.lead_still_id is None:
            film.lead_still = photo
            film.save(update_fields=["lead_still"])


def _remove(stored: list[str]) -> None:
    """The files of stills whose rows were rolled back."""
    if stored:
        delete_files(Photo._meta.get_field("image").storage, stored)


def create_draft(story: Story, choice: Choice) -> Review:
    """Write what the editor confirmed as a draft review, all or nothing."""
    body, slots = story.arrange(choice.chosen)
    check_pictures(slots, choice)
    stored: list[str] = []
    try:
        with write_transaction(), reversion.create_revision():
            reversion.set_comment("Brought in from printed copy on the copy desk.")
            if choice.user is not None:
                reversion.set_user(choice.user)
            film = _film(story, choice)
            _credits(story, choice, film)
            review = _review(story, choice, film, body)
            _place_stills(review, slots, choice, stored)
    except (IntegrityError, WriteBusy) as error:
        _remove(stored)
        raise StoryError(
            "another save took the same film, person or address at the same moment; nothing "
            "was written, confirm again"
            if isinstance(error, IntegrityError)
            else str(error).rstrip(".")
        ) from None
    except BaseException:
        _remove(stored)
        raise
    return review
