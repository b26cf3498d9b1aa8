class StoryError(ValueError):
    """The text as a whole cannot be read as a review (empty, binary, too long, no film)."""
