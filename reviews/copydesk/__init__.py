"""The copy desk: a review as the paper printed it, read back into its parts.

``read_story`` cuts text (plain, Markdown or HTML) into paragraphs; ``recognise`` finds the
facts line, captions with credit lines, the trailer caption, cast and crew and the film's
title, each citing the sentence it came from, and leaves the rest as the body. Rules only
(regular expressions over the shapes papers print), so it is fast and explainable.
"""

from reviews.copydesk.errors import StoryError
from reviews.copydesk.reading import Paragraph, decode_story, read_story
from reviews.copydesk.recognising import recognise
from reviews.copydesk.story import Story

__all__ = ["Paragraph", "Story", "StoryError", "decode_story", "read_story", "recognise"]
