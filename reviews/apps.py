from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Film reviews"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from reviews import checks  # noqa: F401 - registers the system checks
        from reviews.editorial.revisions import register_models
        from reviews.public.search import prepare_connection

        register_models()
        connection_created.connect(prepare_connection, dispatch_uid="reviews.search")
