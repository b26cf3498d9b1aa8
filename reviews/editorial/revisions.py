"""What django-reversion keeps: every save of a review or a film, with what is edited with it.

A review's revision holds its placed stills and corrections; a film's holds its credits. A
film's photos are not followed: restoring a film must never delete stills uploaded since.
"""

import reversion

from reviews.models import Correction, Credit, Film, Review, ReviewStill


def register_models() -> None:
    for model, follow in [
        (Review, ["placements", "corrections"]),
        (Film, ["credits"]),
        (ReviewStill, []),
        (Correction, []),
        (Credit, []),
    ]:
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)
