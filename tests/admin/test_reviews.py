"""The review admin: who writes and sees what, the workflow's traces, slugs, corrections and
deletion records."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from reviews.editorial import deletion, previews, workflow
from reviews.models import Genre, Review, ReviewStatus, SlugRedirect
from tests import factories
from tests.admin_forms import form_data, post_change_form, review_change_data
from tests.helpers import admin_url, review_in, view_on_site_url

pytestmark = pytest.mark.django_db


def review_form(film, **overrides):
    data = {
        "film": film.pk,
        "headline": "A Critic's Draft",
        "slug": "a-critics-draft",
        "dek": "",
        "rating": "3.0",
        "body": "<p>One.</p><p>Two.</p>",
        "status": ReviewStatus.PUBLISHED,
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "placements-TOTAL_FORMS": "0",
        "placements-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return data | overrides


# Who writes and opens what -------------------------------------------------------------------


def test_critic_writes_a_draft_under_own_byline_and_cannot_publish(client, critic_user):
    film = factories.FilmFactory()
    other = factories.CriticFactory()
    client.force_login(critic_user)
    response = client.post(admin_url(Review, "add"), review_form(film, critic=other.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    review = Review.objects.get(slug="a-critics-draft")
    assert review.critic == critic_user.critic
    assert review.status == ReviewStatus.DRAFT
    assert review.published_at is None


def test_critics_new_review_shows_their_byline_before_the_first_save(client, critic_user):
    client.force_login(critic_user)
    response = client.get(reverse("admin:reviews_review_add"))
    assert response.status_code == 200
    assert "critic" not in response.context["adminform"].form.fields
    html = response.content.decode()
    row = html[html.index('class="form-row field-critic"') :]
    byline = row[row.index('class="readonly"') :].split("</div>", 1)[0]
    assert "Tomás Okafor" in byline


def test_critic_edits_own_review_but_status_stays(client, critic_user):
    own = factories.ReviewFactory(critic=critic_user.critic, headline="Old")
    client.force_login(critic_user)
    response = client.post(
        admin_url(Review, "change", own),
        review_form(own.film, slug=own.slug, headline="New", loaded_version=own.version),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.headline == "New"
    assert own.status == ReviewStatus.DRAFT


def test_critic_cannot_open_or_edit_another_critics_review(client, critic_user):
    theirs = factories.ReviewFactory(headline="Not yours")
    client.force_login(critic_user)
    assert client.get(admin_url(Review, "change", theirs)).status_code in {302, 403, 404}
    listing = client.get(admin_url(Review, "changelist")).content.decode()
    assert "Not yours" not in listing
    client.post(admin_url(Review, "change", theirs), review_form(theirs.film, headline="Mine"))
    theirs.refresh_from_db()
    assert theirs.headline == "Not yours"


@pytest.mark.parametrize("role", ["critic_user", "photo_desk", "staff without a role"])
def test_no_one_but_an_editor_reaches_an_endpoint_of_another_critics_review(
    client, editor, role, request
):
    theirs = factories.ReviewFactory(headline="Their words", slug="their-secret-draft")
    client.force_login(editor)
    post_change_form(client, theirs, headline="Their words")
    version = Version.objects.get_for_object(theirs).first()
    link = previews.create_preview_link(theirs, editor)
    if role == "staff without a role":
        client.force_login(factories.UserFactory(is_staff=True))
    else:
        client.force_login(request.getfixturevalue(role))
    admin = "admin:reviews_review"
    gets = {
        "change": reverse(f"{admin}_change", args=[theirs.pk]),
        "history": reverse(f"{admin}_history", args=[theirs.pk]),
        "compare": reverse(f"{admin}_compare", args=[theirs.pk])
        + f"?a={version.pk}&b={version.pk}",
        "revision": reverse(f"{admin}_revision", args=[theirs.pk, version.pk]),
        "delete": reverse(f"{admin}_delete", args=[theirs.pk]),
        "preview": reverse("reviews:review-preview", args=[theirs.pk]),
        "view on site": view_on_site_url(theirs),
    }
    for name, url in gets.items():
        response = client.get(url)
        assert response.status_code in {302, 403, 404}, name
        assert "Their words" not in response.content.decode(), name
        assert theirs.slug not in response.get("Location", ""), name
    posts = {
        "change": (gets["change"], {"headline": "Mine now"}),
        "revision": (gets["revision"], {"headline": "Mine now"}),
        "delete": (gets["delete"], {"post": "yes"}),
        "submit": (reverse(f"{admin}_workflow", args=[theirs.pk, "submit"]), {}),
        "share": (reverse(f"{admin}_share", args=[theirs.pk]), {"days": "3"}),
        "revoke": (reverse(f"{admin}_revoke", args=[theirs.pk, link.pk]), {}),
    }
    for name, (url, data) in posts.items():
        assert client.post(url, data).status_code in {302, 403, 404}, name
    theirs.refresh_from_db()
    link.refresh_from_db()
    assert (theirs.headline, theirs.status) == ("Their words", "draft")
    assert link.revoked_at is None and theirs.preview_links.count() == 1


def test_editor_adds_a_draft_publishes_it_by_button_and_body_is_sanitised(client, editor):
    film = factories.FilmFactory(lead_still=factories.PhotoFactory())
    critic = factories.CriticFactory()
    client.force_login(editor)
    data = review_form(
        film, critic=critic.pk, body='<p>Ok<script>x()</script></p><p onclick="y()">B</p>'
    )
    response = client.post(admin_url(Review, "add"), data)
    assert response.status_code == 302
    review = Review.objects.get(slug="a-critics-draft")
    # The posted status is ignored: a new review is a draft until a workflow button moves it.
    assert review.status == ReviewStatus.DRAFT
    assert review.body == "<p>Ok</p><p>B</p>"
    response = client.post(reverse("admin:reviews_review_workflow", args=[review.pk, "publish"]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED


def test_status_cannot_be_posted_as_a_plain_field(client, editor):
    review = review_in(ReviewStatus.DRAFT)
    client.force_login(editor)
    data = {
        "film": review.film.pk,
        "critic": review.critic.pk,
        "headline": "Changed",
        "slug": review.slug,
        "body": review.body,
        "status": ReviewStatus.PUBLISHED,
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "loaded_version": review.version,
        "placements-TOTAL_FORMS": "0",
        "placements-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.headline, review.status, review.published_at) == (
        "Changed",
        ReviewStatus.DRAFT,
        None,
    )


# The list and the form -----------------------------------------------------------------------


def test_review_list_filters_by_publication_date_without_counting_every_review(client, editor):
    factories.ReviewFactory(
        published=True, headline="This Week", published_at=timezone.now() - timedelta(days=2)
    )
    factories.ReviewFactory(
        published=True, headline="Last Year", published_at=timezone.now() - timedelta(days=400)
    )
    client.force_login(editor)
    url = reverse("admin:reviews_review_changelist")
    page = client.get(url).content.decode()
    link = re.search(r'href="(\?published_at__gte=[^"]+)"[^>]*>Past 7 days', page)
    assert link, "the list offers the past seven days"
    response = client.get(url + html.unescape(link.group(1)))
    assert [r.headline for r in response.context["cl"].result_list] == ["This Week"]
    # At 100,000 reviews each load counts the filtered list only, not the whole table too.
    assert response.context["cl"].show_full_result_count is False


def test_review_list_filters_by_genre_without_a_distinct_query(client, editor):
    musical = Genre.objects.create(name="Musical", slug="musical")
    drama = Genre.objects.create(name="Drama", slug="drama")
    both = factories.FilmFactory()
    both.genres.set([musical, drama])
    factories.ReviewFactory(headline="A Musical Drama", film=both)
    factories.ReviewFactory(headline="Just Talk").film.genres.set([drama])
    client.force_login(editor)
    url = reverse("admin:reviews_review_changelist")
    assert ">Musical</a>" in client.get(url).content.decode()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}?genre={musical.pk}")
    assert [r.headline for r in response.context["cl"].result_list] == ["A Musical Drama"]
    listing = [q["sql"] for q in queries if 'FROM "reviews_review"' in q["sql"]]
    assert listing and not any("DISTINCT" in sql for sql in listing)


def test_review_list_refuses_a_genre_that_is_not_an_id_without_an_error(client, editor):
    Genre.objects.create(name="Musical", slug="musical")
    client.force_login(editor)
    response = client.get(reverse("admin:reviews_review_changelist") + "?genre=musical")
    assert response.status_code == 302
    assert response.url.endswith("?e=1")


def test_review_list_shows_fifty_reviews_a_page(client, editor):
    factories.ReviewFactory.create_batch(51)
    client.force_login(editor)
    response = client.get(reverse("admin:reviews_review_changelist"))
    assert len(response.context["cl"].result_list) == 50
    assert response.context["cl"].paginator.num_pages == 2


def test_review_changelist_query_count_does_not_grow(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    factories.ReviewFactory.create_batch(30, published=True)
    with django_assert_max_num_queries(15):
        assert client.get(admin_url(Review, "changelist")).status_code == 200


def test_review_form_finds_the_film_by_autocomplete_and_fills_the_slug(client, editor):
    factories.FilmFactory(title="La La Land")
    factories.FilmFactory(title="Moonlight")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "la la", "app_label": "reviews", "model_name": "review", "field_name": "film"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["La La Land (2016)"]
    page = client.get(reverse("admin:reviews_review_add")).content.decode()
    assert 'id="id_film"' in page and "admin-autocomplete" in page
    # The slug is filled from the headline as the editor types.
    assert "&quot;dependency_list&quot;: [&quot;headline&quot;]" in page


# What a review keeps: its states, old slugs, corrections, a record once deleted --------------


def test_transitions_are_listed_on_the_review_in_the_admin(client, editor, critic_user):
    review = review_in(ReviewStatus.DRAFT, critic=critic_user.critic)
    workflow.apply_action(review, "submit", critic_user, message="Ready for the desk.")
    workflow.apply_action(review, "publish", editor, message="Lead on Friday.")
    client.force_login(editor)
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    history = page[page.index("History of states") :]
    assert "Ready for the desk." in history and "Lead on Friday." in history
    assert history.index("Lead on Friday.") < history.index("Ready for the desk.")
    assert "critic" in history and "editor" in history
    # The states read as the desk says them, not as they are stored.
    assert "In review" in history and "in_review" not in history


def test_changing_a_slug_keeps_the_old_address_with_a_permanent_redirect(client, editor):
    review = review_in(ReviewStatus.PUBLISHED, slug="old-address")
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    assert client.post(url, review_change_data(review, slug="new-address")).status_code == 302
    client.logout()
    response = client.get("/reviews/old-address/")
    assert response.status_code == 301
    assert response["Location"] == "/reviews/new-address/"
    assert client.get("/reviews/new-address/").status_code == 200
    assert SlugRedirect.objects.get().old_slug == "old-address"


def test_editor_appends_a_dated_correction_that_shows_on_the_page(client, editor):
    review = review_in(ReviewStatus.PUBLISHED)
    client.force_login(editor)
    data = review_change_data(
        review,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-text": "An earlier version misspelled Chazelle.",
            "corrections-0-published_at_0": "2026-03-02",
            "corrections-0-published_at_1": "09:30:00",
        },
    )
    response = client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    correction = review.corrections.get()
    assert correction.created_by == editor
    page = client.get(review.get_absolute_url()).content.decode()
    assert "An earlier version misspelled Chazelle." in page
    assert '<time datetime="2026-03-02T09:30:00-05:00">March 2, 2026</time>' in page


def test_corrections_inline_records_its_author(client, editor):
    review = factories.ReviewFactory(published=True)
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = form_data(client.get(url))
    data |= {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-text": "A correction.",
        "corrections-0-published_at_0": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "corrections-0-published_at_1": "08:00:00",
    }
    assert client.post(url, data).status_code == 302
    assert review.corrections.get().created_by == editor


def test_deletion_records_are_listed_read_only_for_editors(client, editor):
    review = review_in(ReviewStatus.PUBLISHED, headline="Gone <b>bold</b>")
    record = deletion.delete_review(review, editor)
    client.force_login(editor)
    listing = client.get(reverse("admin:reviews_deletionrecord_changelist")).content.decode()
    assert "Gone &lt;b&gt;bold&lt;/b&gt;" in listing
    page = client.get(reverse("admin:reviews_deletionrecord_change", args=[record.pk]))
    assert page.status_code == 200
    assert "&quot;headline&quot;: &quot;Gone &lt;b&gt;bold&lt;/b&gt;&quot;" in page.content.decode()
    assert client.get(reverse("admin:reviews_deletionrecord_add")).status_code == 403
