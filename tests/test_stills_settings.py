import os
import subprocess

from tests.helpers import run_python

SHOW = (
    "import newsroom.settings as s; "
    "print(s.TASKS['default']['BACKEND']); print(s.STORAGES['default']['BACKEND'])"
)


def settings_with(**env: str) -> subprocess.CompletedProcess:
    defaults = {"DJANGO_SECRET_KEY": "x", "NEWSROOM_TASKS_BACKEND": "", "NEWSROOM_S3_BUCKET": ""}
    return run_python("-c", SHOW, env=os.environ | defaults | env)


def test_tasks_run_at_once_by_default_and_on_the_database_when_asked():
    assert settings_with().stdout.splitlines()[0].endswith("ImmediateBackend")
    shown = settings_with(NEWSROOM_TASKS_BACKEND="database").stdout
    assert shown.splitlines()[0] == "django_tasks_db.DatabaseBackend"


def test_an_unknown_tasks_backend_fails_loudly_naming_the_choices():
    result = settings_with(NEWSROOM_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "NEWSROOM_TASKS_BACKEND must be one of immediate, database, not 'celery'" in (
        result.stderr
    )


def test_a_bucket_name_moves_media_to_object_storage():
    assert settings_with().stdout.splitlines()[1].endswith("FileSystemStorage")
    shown = settings_with(NEWSROOM_S3_BUCKET="stills").stdout
    assert shown.splitlines()[1] == "storages.backends.s3.S3Storage"
