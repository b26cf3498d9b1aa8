"""The desk's day in Chromium: nothing typed is lost (the leave-page prompt, autosave), who
else has a review open, and the film form at 1,366 pixels."""

import pytest
from playwright.sync_api import expect

from reviews.models import ReviewDraft
from tests import factories
from tests.e2e.test_admin_flows import BODY, assert_clean, change_url, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_leaving_a_change_form_with_unsaved_changes_asks_first(page, live_server, editor):
    review = factories.ReviewFactory(headline="A Love Letter", body=BODY)
    sign_in(page, live_server, editor)
    page.goto(change_url(review))
    asked = []

    def answer(dialog, accept: bool) -> None:
        asked.append(dialog.type)
        dialog.accept() if accept else dialog.dismiss()

    # Unchanged: a click in the sidebar just leaves.
    page.locator("#nav-sidebar").get_by_role("link", name="Films").click()
    page.wait_for_url("**/admin/reviews/film/")
    assert asked == []

    page.goto(change_url(review))
    page.get_by_label("Headline:").fill("A Love Letter Sung in Traffic")
    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.locator("#nav-sidebar").get_by_role("link", name="Films").click()
    expect(page.get_by_label("Headline:")).to_have_value("A Love Letter Sung in Traffic")
    assert asked == ["beforeunload"]
    assert page.url.endswith(change_url(review))

    # Saving is not leaving: no question, and the text is the review's.
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert asked == ["beforeunload"]
    review.refresh_from_db()
    assert review.headline == "A Love Letter Sung in Traffic"

    # The film form asks too: every change form does.
    page.goto(f"/admin/reviews/film/{review.film.pk}/change/")
    page.get_by_label("Distributor:").fill("Summit")
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.locator("#nav-sidebar").get_by_role("link", name="People").click()
    page.wait_for_url("**/admin/reviews/person/")
    assert asked == ["beforeunload", "beforeunload"]
    assert_clean(page)


def test_typed_text_is_kept_on_the_server_and_offered_back(page, live_server, critic_user):
    review = factories.ReviewFactory(critic=critic_user.critic, headline="Draft", body=BODY)
    sign_in(page, live_server, critic_user)
    page.goto(change_url(review))
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.locator("p").last.click()
    page.keyboard.press("End")
    page.keyboard.type(" It earns every tear.")
    expect(page.locator("#autosave-status")).to_contain_text(
        "Unsaved changes kept on the server at", timeout=10_000
    )
    draft = ReviewDraft.objects.get()
    assert "It earns every tear." in draft.body
    review.refresh_from_db()
    assert review.body == BODY  # the saved review is untouched

    # The page is closed without saving; the next open offers the text back.
    page.once("dialog", lambda dialog: dialog.accept())
    page.goto(change_url(review))
    offer = page.locator("#unsaved-draft")
    expect(offer).to_contain_text("You have unsaved text in this review from")
    offer.get_by_role("link", name="Restore my unsaved text").click()
    expect(editor).to_contain_text("The ending is the film's boldest move. It earns every tear.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    review.refresh_from_db()
    assert "It earns every tear." in review.body
    assert not ReviewDraft.objects.exists()
    assert_clean(page)


def test_the_second_to_open_a_review_sees_who_has_it_open(new_page, live_server, editor):
    review = factories.ReviewFactory(headline="A Love Letter", body=BODY)
    first, second = new_page(), new_page()
    editor.first_name, editor.last_name = "Ada", "Desk"
    editor.save()
    other = factories.UserFactory(username="copydesk", is_staff=True, first_name="Cy")
    from django.contrib.auth.models import Group

    other.groups.add(Group.objects.get(name="Editor"))
    sign_in(first, live_server, editor)
    sign_in(second, live_server, other)
    first.goto(change_url(review))
    second.goto(change_url(review))
    expect(second.locator("#presence")).to_contain_text("Ada Desk has this review open, since")
    expect(first.locator("#presence")).to_contain_text("Cy has this review open", timeout=20_000)
    assert_clean(first)
    assert_clean(second)
