"""The editors' admin, one module per surface: films, people, reviews, stills.

Revisions are registered first, so that each ``VersionAdmin`` below follows its inlines.
"""

from reviews.admin.times import show_zone_on_every_datetime_field
from reviews.editorial.revisions import register_models

register_models()
show_zone_on_every_datetime_field()

from reviews.admin import films, people, reviews, stills  # noqa: E402, F401
