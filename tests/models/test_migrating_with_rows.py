"""Migrations run on a database that holds reviews, as a paper's does, not only on the
empty one the tests start from: on PostgreSQL the content-version triggers fire at commit,
and a migration that writes rows and then alters their table must not trip on them."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("reviews", "0018_critics_create_films_people")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_forward_over_existing_reviews_marks_the_unrated_and_keeps_the_triggers():
    call_command("migrate", *BEFORE, verbosity=0)
    apps = MigrationExecutor(connection).loader.project_state([BEFORE]).apps
    Film = apps.get_model("reviews", "Film")
    Critic = apps.get_model("reviews", "Critic")
    Review = apps.get_model("reviews", "Review")
    User = apps.get_model("auth", "User")
    film = Film.objects.create(title="La La Land", slug="la-la-land", year=2016)
    user = User.objects.create(username="harriet")
    critic = Critic.objects.create(user=user, name="Harriet Vance", slug="harriet-vance")
    common = {"film": film, "critic": critic, "body": "<p>Text.</p>"}
    Review.objects.create(headline="Unrated", slug="unrated", status="in_review", **common)
    Review.objects.create(headline="Draft", slug="draft", status="draft", **common)

    call_command("migrate", "reviews", verbosity=0)

    from reviews.models import Review as Current

    assert dict(Current.objects.values_list("slug", "not_rated")) == {
        "unrated": True,
        "draft": False,
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT DISTINCT event_object_table FROM information_schema.triggers")
        else:
            cursor.execute("SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        tables = {row[0] for row in cursor.fetchall()}
    assert "reviews_review" in tables
