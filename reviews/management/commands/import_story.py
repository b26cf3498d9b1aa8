import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.copydesk import StoryError, decode_story, read_story, recognise
from reviews.copydesk import preview as previews
from reviews.copydesk.reading import FORMATS
from reviews.copydesk.services import Choice, create_draft
from reviews.copydesk.story import Story
from reviews.importing import ImportFileError, read_source
from reviews.models import Critic

#: Bytes read at most: far more than any review (the text limit is then checked too).
MAX_BYTES = 2 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Bring in a review as the paper printed it (plain text, Markdown or HTML): the facts "
        "line, captions and credit lines, the trailer caption and the credits are recognised "
        "and shown; without --dry-run a draft review is written, in one transaction."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="the story: .txt, .md or .html (else told by its look)")
        parser.add_argument("--dry-run", action="store_true", help="show the preview only")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--input-format", choices=FORMATS, help="text, markdown or html")
        parser.add_argument("--critic", metavar="SLUG", help="the byline (else the story's)")
        parser.add_argument("--title", help="the film's title, when the story quotes none")
        parser.add_argument("--headline", help="the headline (else the story's first line)")

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        try:
            story = self.read(path, options["input_format"])
            if options["format"] == "json":
                self.stdout.write(json.dumps(story.as_json(), indent=2, ensure_ascii=False))
            else:
                self.show(story)
            for note in story.notes:
                self.stderr.write(f"note: {note}")
            if not options["dry_run"]:
                self.write(story, options)
        except StoryError as error:
            raise CommandError(f"{path}: {error}") from None

    def read(self, path: Path, input_format: str | None) -> Story:
        try:
            data = read_source(path)
        except ImportFileError as error:
            raise StoryError(str(error).removeprefix(f"{path}: ")) from None
        if len(data) > MAX_BYTES:
            raise StoryError(f"{len(data):,} bytes is far longer than a review")
        return recognise(read_story(decode_story(data, path.name), input_format, path.name))

    def show(self, story: Story) -> None:
        shown = previews.build(story)
        self.stdout.write(f"headline: {story.headline or '(none found)'}")
        rows = [*shown["review_rows"], *shown["film_rows"], *shown["credit_rows"]]
        for row in rows:
            note = f" [{row.note}]" if row.note else ""
            self.stdout.write(f"{row.label}: {row.value}{note}  <- ¶{row.source.paragraph} "
                              f"“{row.source.sentence}”")  # fmt: skip
        for slot, _ in shown["stills"]:
            self.stdout.write(
                f"still {slot.index + 1} after paragraph {slot.position}: {slot.caption} "
                f"({slot.credit})"
            )
        if story.trailer:
            self.stdout.write(f"trailer: {story.trailer.caption} ({story.trailer.credit})")
        body, _ = story.arrange()
        self.stdout.write(f"body: {len(body)} paragraph(s)")

    def critic(self, story: Story, slug: str | None) -> Critic:
        if slug:
            critic = Critic.objects.filter(slug=slug).first()
            if critic is None:
                raise StoryError(f'--critic "{slug}": no critic has this slug')
            return critic
        critic = Critic.objects.filter(name__iexact=story.byline).first() if story.byline else None
        if critic is None:
            byline = f"the byline “{story.byline}” names no critic" if story.byline else "no byline"
            raise StoryError(f"{byline}; name one with --critic SLUG")
        return critic

    def write(self, story: Story, options: dict) -> None:
        """The draft, with every proposal kept; a still takes the library's picture of the
        same caption when there is exactly one, else its caption stays in the body."""
        chosen = story.keys()
        library = {}
        for slot, candidates in previews.build(story)["stills"]:
            if len(candidates) == 1:
                library[slot.index] = candidates[0]
            else:
                chosen.discard(slot.key)
                self.stderr.write(
                    f"note: still {slot.index + 1} (“{slot.caption}”): no one picture in the "
                    "library has this caption; it stays in the body as text"
                )
        choice = Choice(
            critic=self.critic(story, options["critic"]),
            chosen=chosen,
            headline=options["headline"] or "",
            title=options["title"] or "",
            library=library,
        )
        review = create_draft(story, choice)
        self.stdout.write(
            self.style.SUCCESS(
                f"draft review “{review.headline}” written (id {review.pk}), for the film "
                f"{review.film}; it is not published"
            )
        )
