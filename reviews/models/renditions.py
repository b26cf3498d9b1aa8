from django.db import models


class Rendition(models.Model):
    """One derived file of a still: a width or a fixed-ratio crop, in one format.

    Made once by a background task, never per request; remade when the focal point moves.
    """

    photo = models.ForeignKey("reviews.Photo", on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=20, help_text='E.g. "w640", "card" (16:9), "social" (1:1).')
    format = models.CharField(max_length=10, help_text='"webp" or "jpeg".')
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.ImageField(
        upload_to="renditions/%Y/%m/", width_field="width", height_field="height"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["photo", "spec", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "spec", "format"], name="rendition_unique_per_spec"
            )
        ]

    def __str__(self) -> str:
        return f"{self.photo} [{self.spec} {self.format} {self.width}×{self.height}]"
