"""E-mail notices of the desk's moves: who receives which, what they say, when they go, and
that a failing mail server never breaks a move."""

import datetime
import smtplib

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import workflow
from reviews.models import Review, ReviewStatus
from tests import factories
from tests.helpers import review_in

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def second_editor(db):
    user = factories.UserFactory(username="second-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def own_draft(critic_user):
    return review_in(ReviewStatus.DRAFT, critic=critic_user.critic, headline="Sung in Traffic")


def _move(review, action, user, captured, **kwargs):
    with captured(execute=True):
        workflow.apply_action(review, action, user, **kwargs)


def _link(review) -> str:
    return "http://127.0.0.1:8000" + reverse("admin:reviews_review_change", args=[review.pk])


def test_a_critic_s_submission_reaches_every_editor_with_the_message_and_a_link(
    own_draft, critic_user, editor, second_editor, django_capture_on_commit_callbacks
):
    _move(own_draft, "submit", critic_user, django_capture_on_commit_callbacks,
          message="Ready for a look.")  # fmt: skip
    assert sorted(m.to[0] for m in mail.outbox) == sorted([editor.email, second_editor.email])
    notice = mail.outbox[0]
    assert len(notice.to) == 1  # one each: no one sees the others' addresses
    assert "Submitted for review: Sung in Traffic" in notice.subject
    assert "Ready for a look." in notice.body
    assert _link(own_draft) in notice.body
    assert critic_user.email not in [m.to[0] for m in mail.outbox]


def test_an_editor_s_sending_back_reaches_the_critic_with_the_message(
    own_draft, critic_user, editor, django_capture_on_commit_callbacks
):
    own_draft.status = ReviewStatus.IN_REVIEW
    Review.objects.filter(pk=own_draft.pk).update(status=ReviewStatus.IN_REVIEW)
    _move(own_draft, "send_back", editor, django_capture_on_commit_callbacks,
          message="The second paragraph repeats the first.")  # fmt: skip
    [notice] = mail.outbox
    assert notice.to == [critic_user.email]
    assert "Sent back to draft: Sung in Traffic" in notice.subject
    assert "The second paragraph repeats the first." in notice.body
    assert _link(own_draft) in notice.body


def test_publishing_reaches_the_critic(own_draft, critic_user, editor,
                                       django_capture_on_commit_callbacks):  # fmt: skip
    _move(own_draft, "publish", editor, django_capture_on_commit_callbacks)
    [notice] = mail.outbox
    assert notice.to == [critic_user.email]
    assert "Published: Sung in Traffic" in notice.subject


def test_scheduling_reaches_the_critic_with_the_time(
    own_draft, critic_user, editor, django_capture_on_commit_callbacks
):
    when = timezone.now() + datetime.timedelta(days=2)
    _move(own_draft, "schedule", editor, django_capture_on_commit_callbacks, when=when)
    [notice] = mail.outbox
    assert notice.to == [critic_user.email]
    assert f"scheduled for {timezone.localtime(when):%-d}" in notice.body


def test_withdrawing_and_unpublishing_send_nothing(
    own_draft, critic_user, editor, django_capture_on_commit_callbacks
):
    _move(own_draft, "submit", critic_user, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    _move(own_draft, "withdraw", critic_user, django_capture_on_commit_callbacks)
    live = review_in(ReviewStatus.PUBLISHED, critic=critic_user.critic)
    _move(live, "unpublish", editor, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_no_one_is_told_of_their_own_move(editor, django_capture_on_commit_callbacks):
    critic = factories.CriticFactory(user=editor)
    review = review_in(ReviewStatus.DRAFT, critic=critic)
    _move(review, "publish", editor, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_notice_goes_only_when_the_move_commits(
    own_draft, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.apply_action(own_draft, "publish", editor)
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_never_breaks_the_move(
    client, settings, own_draft, editor, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.editorial.test_notifications.RefusingBackend"
    client.force_login(editor)
    url = reverse("admin:reviews_review_workflow", args=[own_draft.pk, "publish"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Out it goes."})
    assert response.status_code == 302
    assert Review.objects.get(pk=own_draft.pk).status == ReviewStatus.PUBLISHED
    assert "could not be sent" in caplog.text


def test_a_move_made_in_the_admin_sends_its_notice(
    client, own_draft, critic_user, editor, django_capture_on_commit_callbacks
):
    client.force_login(critic_user)
    url = reverse("admin:reviews_review_workflow", args=[own_draft.pk, "submit"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": "Have a look."})
    [notice] = mail.outbox
    assert notice.to == [editor.email] and "Have a look." in notice.body


def test_a_bulk_move_sends_one_notice_per_review_moved(
    client, critic_user, editor, django_capture_on_commit_callbacks
):
    reviews = [review_in(ReviewStatus.IN_REVIEW, critic=critic_user.critic) for _ in range(2)]
    refused = review_in(ReviewStatus.DRAFT, critic=critic_user.critic)
    client.force_login(editor)
    data = {
        "action": "send_back_selected",
        helpers.ACTION_CHECKBOX_NAME: [r.pk for r in [*reviews, refused]],
        "apply": "1",
        "message": "See my notes.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:reviews_review_changelist"), data)
    assert len(mail.outbox) == 2
    assert all("See my notes." in m.body for m in mail.outbox)
