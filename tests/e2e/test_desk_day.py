"""The desk's day in Chromium: nothing typed is lost (the leave-page prompt, autosave), who
else has a review open, and the film form at 1,366 pixels."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from reviews.models import Film, Person, ReviewDraft
from tests import factories
from tests.e2e.conftest import serious_accessibility_violations
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
    other.groups.add(Group.objects.get(name="Editor"))
    sign_in(first, live_server, editor)
    sign_in(second, live_server, other)
    first.goto(change_url(review))
    second.goto(change_url(review))
    expect(second.locator("#presence")).to_contain_text("Ada Desk has this review open, since")
    expect(first.locator("#presence")).to_contain_text("Cy has this review open", timeout=20_000)
    assert_clean(first)
    assert_clean(second)


def test_the_film_form_fits_1366_pixels_and_a_critic_adds_a_film_with_new_people(
    page, live_server, critic_user
):
    existing = factories.FilmFactory(title="La La Land")
    for n in range(4):
        factories.CreditFactory(film=existing, character=f"A character with a long name {n}")
    factories.PersonFactory(name="Greta Lee", slug="greta-lee")
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, critic_user)

    def fits() -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1366, f"the page is {width} px wide"
        right = page.evaluate(
            "Math.max(...[...document.querySelectorAll('#credits-group th, #credits-group td')]"
            ".map((cell) => cell.getBoundingClientRect().right))"
        )
        assert right <= 1366, f"the credits reach {right} px"

    page.goto(f"/admin/reviews/film/{existing.pk}/change/")
    fits()

    # A critic starts from nothing: a new film, one person found, one added by name.
    page.goto("/admin/reviews/film/add/")
    fits()
    page.get_by_label("Title:").fill("Past Lives")
    page.get_by_label("Running time:").fill("106")
    page.get_by_label("MPAA rating:").select_option(label="PG-13")
    rows = page.locator("#credits-group tr.form-row:not(.empty-form)")
    first = rows.first
    first.locator(".select2-selection").click()
    page.locator(".select2-search__field").press_sequentially("Greta")
    page.locator(".select2-results__option", has_text="Greta Lee").first.click()
    first.locator("td.field-role select").select_option(label="Cast")
    first.locator("td.field-character input").fill("Nora")
    page.get_by_role("button", name="Add another Credit").click()
    second = rows.nth(1)
    second.locator(".select2-selection").click()
    page.locator(".select2-search__field").press_sequentially("Celine Song")
    page.locator(".select2-results__option", has_text="Add “Celine Song” as a new person").click()
    second.locator("td.field-role select").select_option(label="Director")
    fits()
    assert len(page.context.pages) == 1  # no pop-up window
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")

    film = Film.objects.get(title="Past Lives")
    credits = film.credits.order_by("role").values_list("person__name", "role", "character")
    assert list(credits) == [("Greta Lee", "cast", "Nora"), ("Celine Song", "director", "")]
    assert Person.objects.filter(name="Celine Song", slug="celine-song").exists()
    assert_clean(page)


def test_a_refusal_is_an_admin_page_saying_what_the_role_may_do(page, live_server, photo_desk):
    sign_in(page, live_server, photo_desk)
    response = page.goto("/admin/reviews/film/add/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Not open to you")
    expect(page.locator("#header")).to_contain_text("Newsroom film desk")
    expect(page.locator("#user-tools")).to_contain_text("Time zone:")
    offer = page.get_by_role("link", name="Upload and caption stills on the photo desk")
    offer.click()
    page.wait_for_url("**/desk/")
    assert serious_accessibility_violations(page, ["/admin/reviews/person/add/"]) == {}
    assert_clean(page)


def test_a_critic_adds_the_film_from_the_reviews_plus(page, live_server, critic_user):
    sign_in(page, live_server, critic_user)
    page.goto("/admin/reviews/review/add/")
    with page.expect_popup() as popup_info:
        page.locator("#add_id_film").click()
    popup = popup_info.value
    popup.get_by_label("Title:").fill("Aftersun")
    popup.get_by_label("Running time:").fill("101")
    popup.get_by_role("button", name="Save", exact=True).click()
    popup.wait_for_event("close")
    expect(page.locator(".field-film .select2-selection__rendered")).to_contain_text("Aftersun")
    assert Film.objects.get().running_time == 101
    assert_clean(page)
