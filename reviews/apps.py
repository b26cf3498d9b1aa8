from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Film reviews"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        from reviews import checks  # noqa: F401 - registers the system checks
        from reviews.admin.times import zone_at_login
        from reviews.editorial.revisions import register_models
        from reviews.public.search import prepare_connection

        register_models()
        connection_created.connect(prepare_connection, dispatch_uid="reviews.search")
        # Integration with auth: the staff member's time zone is read once, at login.
        user_logged_in.connect(zone_at_login, dispatch_uid="reviews.time_zone")
