from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Film reviews"

    def ready(self) -> None:
        from reviews.editorial.revisions import register_models

        register_models()
