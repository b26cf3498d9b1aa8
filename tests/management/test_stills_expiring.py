"""manage.py stills_expiring: the stills whose rights run out within the days asked."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests import factories
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


def test_stills_expiring_lists_those_within_the_days_asked():
    today = timezone.localdate()
    factories.PhotoFactory(caption="Goes in a week.", usage_expires=today + datetime.timedelta(7))
    factories.PhotoFactory(caption="Goes in a year.", usage_expires=today + datetime.timedelta(365))
    factories.PhotoFactory(caption="Already gone.", usage_expires=today - datetime.timedelta(1))
    factories.PhotoFactory(caption="Never goes.")
    output = run_command("stills_expiring", "--days", "10")
    assert "1 still(s) whose rights expire in the next 10 days" in output
    assert "Goes in a week." in output and "(in 7 days)" in output
    assert "Goes in a year." not in output and "Already gone." not in output


def test_stills_expiring_says_so_when_none_expire():
    assert "No still's rights expire in the next 5 days." in run_command(
        "stills_expiring", "--days", "5"
    )


def test_stills_expiring_refuses_negative_days():
    with pytest.raises(CommandError, match="--days must be 0 or more, not -3"):
        call_command("stills_expiring", "--days", "-3")
