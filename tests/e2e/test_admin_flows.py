"""The editors' and critics' daily work in the Django admin, in Chromium.

The critic's and the photo desk's tests sign in through the admin's login form (a real POST
that django-axes counts); the others start from a session made on the server. Then each
clicks and types as the desk does; factories make only what clicking would not test. Every
test ends with no script error, CSP violation, failed static file or outside request.
"""

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from reviews.models import Credit, Person, PreviewLink, Review, ReviewStatus
from reviews.models.reviews import ReviewStill
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BODY = (
    "<p>The opening number stops traffic on a freeway ramp.</p>"
    "<p>Emma Stone and Ryan Gosling dance above the city.</p>"
    "<p>The ending is the film's boldest move.</p>"
)


def log_in(page, username: str) -> None:
    """Through the admin's login form: a real POST, counted by django-axes."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def sign_in(page, live_server, user) -> None:
    """A session made on the server, for tests where the login form is not the point."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def pick(page, field, text: str) -> None:
    """Choose in an admin autocomplete (select2) by typing the start of the name."""
    field.locator(".select2-selection").click()
    page.locator(".select2-search__field").press_sequentially(text[:4])
    page.locator(".select2-results__option", has_text=text).click()
    expect(field.locator(".select2-selection__rendered")).to_contain_text(text)


def change_url(review: Review) -> str:
    return f"/admin/reviews/review/{review.pk}/change/"


def assert_clean(page) -> None:
    """No script error, no CSP violation, nothing fetched from elsewhere."""
    assert page.errors == []
    assert page.outside_requests == []


def another_editor(username: str):
    user = factories.UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def test_critic_writes_a_draft_with_the_rich_text_editor_and_submits_it_but_cannot_publish(
    page, critic_user
):
    # All a submission needs but what the critic types: the film's facts and lead still.
    factories.FilmFactory(
        title="La La Land", slug="la-la-land-2016", lead_still=factories.PhotoFactory()
    )
    factories.FilmFactory(title="Moonlight", slug="moonlight-2016")
    log_in(page, critic_user.username)

    with page.expect_response("**/admin/reviews/review/add/") as add_page:
        page.get_by_role("row", name="Reviews").get_by_role("link", name="Add").click()
    assert "script-src 'self' 'sha256-" in add_page.value.headers["content-security-policy"]
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_be_visible()
    assert_clean(page)  # the editor and the autocomplete widgets run under the CSP
    expect(page.locator(".field-critic .readonly")).to_have_text("Tomás Okafor")
    pick(page, page.locator(".field-film"), "La La Land")
    page.get_by_label("Headline:").press_sequentially("A Love Letter Sung in Traffic")
    expect(page.get_by_label("Slug:")).to_have_value("a-love-letter-sung-in-traffic")
    page.get_by_label("Star rating:").select_option(label="4 stars")

    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("The opening number is ")
    page.keyboard.press("Control+i")
    page.keyboard.type("exhilarating")
    page.keyboard.press("Control+i")
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    page.keyboard.type("Read the director's notes.")
    # The editor has taken every key before the caret moves (on a busy machine it lags).
    expect(editor.locator("p").last).to_have_text("Read the director's notes.")
    # Select "notes" and make it a link through the toolbar's dialog.
    for _ in "notes.":
        page.keyboard.press("ArrowLeft")
    for _ in "notes":
        page.keyboard.press("Shift+ArrowRight")
    page.wait_for_function("window.getSelection().toString() === 'notes'")
    page.get_by_role("button", name="insert link").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.get_by_label("URL").fill("https://example.com/notes")
    dialog.get_by_role("button", name="Update").click()
    # The link is set once the dialog has closed; the writer waits to see it.
    expect(editor.get_by_role("link", name="notes")).to_have_attribute(
        "href", "https://example.com/notes"
    )
    editor.locator("p").last.click()
    page.keyboard.press("End")
    # The toolbar follows the caret: off the link, "remove link" goes away.
    expect(page.get_by_role("button", name="remove link")).to_be_hidden()
    page.keyboard.press("Enter")
    page.keyboard.type("A third paragraph.")
    expect(editor.locator("p")).to_have_count(3)

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    review = Review.objects.get()
    assert review.status == ReviewStatus.DRAFT
    assert (review.slug, review.critic.user) == ("a-love-letter-sung-in-traffic", critic_user)
    assert review.body == (
        "<p>The opening number is <em>exhilarating</em>.</p>"
        '<p>Read the director\'s <a href="https://example.com/notes" '
        'rel="noopener noreferrer">notes</a>.</p>'
        "<p>A third paragraph.</p>"
    )
    # "View on site" shows the draft as readers will see it, not the public page's 404.
    page.get_by_role("link", name="View on site").click()
    page.wait_for_url(f"**/preview/reviews/{review.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A Love Letter Sung in Traffic")
    expect(page.locator(".review__body em")).to_have_text("exhilarating")
    page.go_back()

    workflow = page.locator("#workflow")
    expect(workflow.get_by_role("heading", level=2)).to_have_text("Workflow: Draft")
    expect(workflow.locator("button")).to_have_text(["Submit for review"])

    workflow.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Submit for review: the review is now in review."
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW
    expect(workflow.get_by_role("heading", level=2)).to_have_text("Workflow: In review")
    # The critic may only withdraw it now; publishing is the desk's.
    expect(workflow.locator("button")).to_have_text(["Withdraw to draft"])
    expect(page.get_by_role("button", name="Publish now")).to_have_count(0)
    assert_clean(page)

    response = page.goto("/reviews/a-love-letter-sung-in-traffic/")
    assert response.status == 404


def test_editor_places_a_still_after_the_first_paragraph_and_publishes(page, live_server, editor):
    film = factories.FilmFactory(title="La La Land", slug="la-la-land-2016")
    review = factories.ReviewFactory(
        complete=True,
        film=film,
        headline="A Love Letter Sung in Traffic",
        slug="la-la-land-review",
        body=BODY,
        status=ReviewStatus.IN_REVIEW,
        # A lead photo of its own: the still placed stays in the body (without one, the
        # first still in the body would lead the review, shown above it).
        lead_still=factories.PhotoFactory(film=film, caption="Ryan Gosling at the piano."),
    )
    factories.PhotoFactory(
        film=film,
        caption="Emma Stone as aspiring actress Mia.",
        credit_line="Dale Robinette/Lionsgate",
        alt_text="A woman in a yellow dress on a hillside at dusk.",
    )
    sign_in(page, live_server, editor)

    page.goto(change_url(review))
    page.get_by_role("button", name="Add another Still in the body").click()
    row = page.locator("tr.form-row:not(.empty-form):has(td.field-after_paragraph)").last
    pick(page, row.locator("td.field-photo"), "Emma Stone as aspiring actress Mia.")
    row.locator("td.field-after_paragraph input").fill("1")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    placed = ReviewStill.objects.filter(review=review).values_list(
        "photo__caption", "after_paragraph"
    )
    assert list(placed) == [("Emma Stone as aspiring actress Mia.", 1)]

    page.locator("#workflow").get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Publish now: the review is now published."
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED
    assert_clean(page)

    page.get_by_role("link", name="View on site").click()
    page.wait_for_url("**/reviews/la-la-land-review/")
    body = page.locator(".review__body")
    expect(body.locator("> *")).to_have_count(4)
    tags = body.locator("> *").evaluate_all("nodes => nodes.map(n => n.tagName)")
    assert tags == ["P", "FIGURE", "P", "P"]
    expect(body.locator("> p").first).to_have_text(
        "The opening number stops traffic on a freeway ramp."
    )
    figure = body.locator("figure")
    expect(figure.locator("img")).to_have_attribute(
        "alt", "A woman in a yellow dress on a hillside at dusk."
    )
    expect(figure.locator("figcaption")).to_contain_text("Emma Stone as aspiring actress Mia.")
    expect(figure.locator("figcaption .credit")).to_have_text("Dale Robinette/Lionsgate")

    page.goto("/")
    expect(page.get_by_role("link", name="A Love Letter Sung in Traffic").first).to_be_visible()
    assert_clean(page)


def test_second_editor_saving_a_stale_copy_is_refused_with_the_change_shown_and_text_kept(
    new_page, live_server, editor
):
    review = factories.ReviewFactory(headline="A Love Letter Sung in Traffic", body=BODY)
    editor_b = another_editor("copydesk")
    page_a, page_b = new_page(), new_page()
    sign_in(page_a, live_server, editor)
    sign_in(page_b, live_server, editor_b)
    page_a.goto(change_url(review))
    page_b.goto(change_url(review))

    page_a.get_by_label("Headline:").fill("‘La La Land’ Is a Love Letter Sung in Traffic")
    page_a.get_by_role("button", name="Save and continue editing").click()
    expect(page_a.locator(".messagelist .success")).to_contain_text("was changed successfully")

    page_b.get_by_label("Dek:").fill("Damien Chazelle's musical dances on the freeway.")
    editor_b_body = page_b.locator(".ProseMirror[contenteditable=true]")
    editor_b_body.locator("p").last.click()
    page_b.keyboard.press("End")
    page_b.keyboard.type(" It earns every tear.")
    page_b.get_by_role("button", name="Save and continue editing").click()

    expect(page_b.locator(".errornote")).to_be_visible()
    expect(page_b.locator(".errorlist.nonfield")).to_contain_text(
        "Not saved: editor saved this review while you were editing it (your copy is "
        "version 1, the saved one is version 2). Nothing was overwritten."
    )
    conflict = page_b.locator("#edit-conflict")
    expect(conflict.get_by_role("heading", level=2)).to_contain_text("Saved by editor at")
    expect(conflict.get_by_role("heading", level=3)).to_have_text(["Headline", "Dek", "Body"])
    diffs = conflict.locator("pre.conflict-diff")
    expect(diffs.nth(0)).to_contain_text("-‘La La Land’ Is a Love Letter Sung in Traffic")
    expect(diffs.nth(0)).to_contain_text("+A Love Letter Sung in Traffic")
    expect(diffs.nth(2)).to_contain_text("It earns every tear.")
    # B's text is still in the form, ready to copy.
    expect(page_b.get_by_label("Dek:")).to_have_value(
        "Damien Chazelle's musical dances on the freeway."
    )
    expect(editor_b_body).to_contain_text(
        "The ending is the film's boldest move. It earns every tear."
    )

    # Publishing now would leave B's refused text behind: B is asked to save it first.
    page_b.locator("#workflow").get_by_role("button", name="Publish now").click()
    expect(page_b.locator("#workflow").get_by_role("alert")).to_contain_text(
        "Your changes to this review are not saved yet."
    )
    review.refresh_from_db()
    assert review.headline == "‘La La Land’ Is a Love Letter Sung in Traffic"
    assert (review.dek, review.body, review.version) == ("", BODY, 2)
    assert review.status == ReviewStatus.DRAFT

    # B reloads the saved version and applies the dek again: both changes stand.
    page_b.goto(change_url(review))
    page_b.get_by_label("Dek:").fill("Damien Chazelle's musical dances on the freeway.")
    page_b.get_by_role("button", name="Save and continue editing").click()
    expect(page_b.locator(".messagelist .success")).to_contain_text("was changed successfully")
    review.refresh_from_db()
    assert review.headline == "‘La La Land’ Is a Love Letter Sung in Traffic"
    assert (review.dek, review.version) == ("Damien Chazelle's musical dances on the freeway.", 3)
    assert_clean(page_a)
    assert_clean(page_b)


def test_editor_credits_a_new_person_by_name_in_the_row(page, live_server, editor):
    film = factories.FilmFactory(title="La La Land", slug="la-la-land-2016")
    sign_in(page, live_server, editor)

    page.goto(f"/admin/reviews/film/{film.pk}/change/")
    row = page.locator("#credits-group tr.form-row").first
    expect(row.locator("a.add-related")).to_have_count(0)  # no pop-up window
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").press_sequentially("Emma Stone")
    page.locator(".select2-results__option", has_text="Add “Emma Stone” as a new person").click()
    expect(row.locator(".select2-selection__rendered")).to_contain_text("Emma Stone (new)")
    row.locator("td.field-role select").select_option(label="Cast")
    row.locator("td.field-character input").fill("Mia")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    person = Person.objects.get()
    assert (person.name, person.slug) == ("Emma Stone", "emma-stone")
    assert list(Credit.objects.values_list("film", "person", "role", "character")) == [
        (film.pk, person.pk, "cast", "Mia")
    ]
    assert_clean(page)

    page.goto("/films/la-la-land-2016/")
    expect(page.locator("dl.credits")).to_contain_text("Emma Stone as Mia")


def test_preview_link_opens_a_draft_without_an_account_until_revoked(new_page, live_server, editor):
    review = factories.ReviewFactory(headline="A Love Letter Sung in Traffic", body=BODY)
    page = new_page()
    sign_in(page, live_server, editor)

    page.goto(change_url(review))
    page.get_by_label("Days").select_option(label="3 days")
    page.get_by_role("button", name="Make a preview link").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Preview link, valid until")
    url = page.get_by_label("Preview link").input_value()
    assert re.search(r"/preview/[^/]+/$", url)

    stranger = new_page()
    response = stranger.goto(url)
    assert response.status == 200
    assert "noindex" in response.headers["x-robots-tag"]
    expect(stranger.locator("meta[name=robots]")).to_have_attribute(
        "content", "noindex, nofollow, noarchive"
    )
    expect(stranger.get_by_role("heading", level=1)).to_have_text("A Love Letter Sung in Traffic")

    page.get_by_role("button", name="Revoke").click()
    expect(page.locator(".messagelist .success")).to_contain_text("The preview link was revoked")
    assert PreviewLink.objects.get().revoked_at is not None
    assert stranger.goto(url).status == 404
    assert_clean(page)
    assert_clean(stranger)


def test_photo_desk_is_refused_the_review_admin_but_opens_the_desk(page, photo_desk):
    review = factories.ReviewFactory()
    log_in(page, photo_desk.username)

    assert page.goto("/admin/reviews/review/").status == 403
    assert page.goto(change_url(review)).status == 403
    response = page.goto("/desk/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_clean(page)


def test_workflow_button_with_unsaved_changes_asks_to_save_first_and_loses_nothing(
    page, live_server, critic_user
):
    critic = critic_user.critic
    review = factories.ReviewFactory(
        complete=True, critic=critic, headline="A Love Letter", body=BODY
    )
    sign_in(page, live_server, critic_user)
    page.goto(change_url(review))
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.locator("p").last.click()
    page.keyboard.press("End")
    page.keyboard.type(" It earns every tear.")

    workflow = page.locator("#workflow")
    workflow.get_by_role("button", name="Submit for review").click()
    expect(workflow.get_by_role("alert")).to_have_text(
        "Your changes to this review are not saved yet. Save them first "
        "(“Save and continue editing” below) or reload the review to drop them, then use "
        "this button."
    )
    expect(editor).to_contain_text("The ending is the film's boldest move. It earns every tear.")
    review.refresh_from_db()
    assert (review.status, review.body) == (ReviewStatus.DRAFT, BODY)

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    workflow.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist .success")).to_contain_text("the review is now in review.")
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW
    assert review.body.endswith(
        "<p>The ending is the film's boldest move. It earns every tear.</p>"
    )
    assert_clean(page)


def test_mistyped_password_is_refused_with_a_message_and_the_right_one_signs_in(page, critic_user):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(critic_user.username)
    page.get_by_label("Password").fill("a-long-test-pasword")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".errornote")).to_contain_text(
        "Please enter the correct username and password for a staff account."
    )
    assert AccessAttempt.objects.get().failures_since_start == 1

    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    expect(page.locator("#user-tools")).to_contain_text("critic")
    assert not AccessAttempt.objects.exists()  # reset on success
    assert_clean(page)
