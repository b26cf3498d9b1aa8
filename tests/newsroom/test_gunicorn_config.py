"""gunicorn's configuration: the preloaded app's objects are frozen before each fork."""

import gc
import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_app_is_frozen_before_a_worker_is_forked(unfrozen):
    config = runpy.run_path(str(CONFIG))
    assert config["preload_app"] is True  # what there is to freeze is loaded before forking
    assert gc.get_freeze_count() == 0

    config["pre_fork"](server=None, worker=None)

    assert gc.get_freeze_count() > 1000
