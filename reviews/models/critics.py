from django.conf import settings
from django.db import models

from reviews.addresses import slug_url


class Critic(models.Model):
    """The public face of a user who writes reviews: the name in the byline."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="critic"
    )
    name = models.CharField(max_length=120, help_text="As printed in the byline.")
    slug = models.SlugField(max_length=140, unique=True)
    bio = models.TextField(blank=True, help_text="One or two sentences for the critic's page.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("reviews:critic-detail", self.slug)
