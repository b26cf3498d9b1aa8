"""A number raised on every save, so that a save made from an older copy can be refused.

Two people editing one film, person or still from the same starting point: the second
save carries the version it was loaded with, finds a higher one stored and is refused
with the other change shown (``reviews/admin/versioning.py``), instead of writing over it.
``Review`` keeps its own version the same way.
"""

from __future__ import annotations

from django.db import models


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; guards against lost edits."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
