"""The copy desk in the admin: paste a review as printed, see what was recognised, untick
what is wrong, attach pictures to the captions, confirm. Only then is anything written, in
one transaction, as a draft.

Mixed into ``ReviewAdmin``. It needs the rights to add reviews, films, people, credits and
stills (Editors hold them; critics and the photo desk do not).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from reviews.copydesk import Story, StoryError, read_story, recognise
from reviews.copydesk import preview as previews
from reviews.copydesk.reading import FORMATS
from reviews.copydesk.services import Choice, create_draft, suggested_headline
from reviews.models import Critic, Photo

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

COPYDESK_PERMISSIONS = [
    "reviews.add_review",
    "reviews.add_film",
    "reviews.change_film",
    "reviews.add_person",
    "reviews.add_credit",
    "reviews.add_photo",
    "reviews.add_reviewstill",
]


def can_use_copydesk(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_active and user.is_staff and user.has_perms(COPYDESK_PERMISSIONS)


class StoryForm(forms.Form):
    """The pasted story, and what the editor sets beside what was recognised."""

    text = forms.CharField(
        label="The review as printed",
        widget=forms.Textarea(attrs={"rows": 24, "cols": 90}),
        help_text="Paste plain text, Markdown or HTML: headline, body, captions ending in "
        "their credit line in parentheses, the credits and the facts line.",
    )
    input_format = forms.ChoiceField(
        label="Format",
        choices=[("", "Recognise it"), *((name, name.capitalize()) for name in FORMATS)],
        required=False,
    )
    critic = forms.ModelChoiceField(
        queryset=Critic.objects.all(), help_text="The byline; the story's own when it names one."
    )
    headline = forms.CharField(
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="Suggested from the story's first line; leave empty to take it.",
    )
    dek = forms.CharField(
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="The sub-headline, when the story has one between headline and byline.",
    )
    title = forms.CharField(
        label="Film title",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="Matched to a film already here by title, else a new film; leave empty to "
        "take the one the story quotes.",
    )


class StoryImportAdminMixin(admin.ModelAdmin):
    """The copy desk's page at ``import-story/`` beside the review list."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_story_view)
        return [
            path("import-story/", view, name="reviews_review_import_story"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_use_copydesk": can_use_copydesk(request.user),
        }
        return super().changelist_view(request, extra_context)

    def import_story_view(self, request: HttpRequest) -> HttpResponse:
        """Paste, preview (nothing written), then confirm."""
        if not can_use_copydesk(request.user):
            raise PermissionDenied("Only editors bring in printed copy.")
        if request.method != "POST":
            initial = {"critic": getattr(request.user, "critic", None)}
            return self._render(request, "paste", {"form": StoryForm(initial=initial)})
        form = StoryForm(request.POST)
        story = self._recognised(form)
        if story is None or "edit" in request.POST:
            return self._render(request, "paste", {"form": form})
        if "confirm" not in request.POST:
            return self._preview(request, self._suggested(form, story), story)
        return self._confirm(request, form, story)

    @staticmethod
    def _recognised(form: StoryForm) -> Story | None:
        if not form.is_valid():
            return None
        try:
            data = form.cleaned_data
            return recognise(read_story(data["text"], data["input_format"]))
        except StoryError as error:
            message = str(error)
            form.add_error("text", f"{message[:1].upper()}{message[1:]}.")
            return None

    @staticmethod
    def _suggested(form: StoryForm, story: Story) -> StoryForm:
        """The form again, its headline, title and critic suggested by the story."""
        data = form.cleaned_data
        title = story.facts.get("title")
        byline = Critic.objects.filter(name__iexact=story.byline).first() if story.byline else None
        headline = data["headline"] or (
            suggested_headline(story, str(title.value)) if title else story.headline
        )
        initial = {
            **data,
            "critic": byline or data["critic"],
            "title": data["title"] or (title.value if title else ""),
            "headline": headline,
            "dek": data["dek"] or story.dek,
        }
        return StoryForm(initial=initial)

    def _preview(
        self, request: HttpRequest, form: StoryForm, story: Story, chosen: set[str] | None = None
    ) -> TemplateResponse:
        chosen = story.keys() if chosen is None else chosen
        context = {
            "form": form,
            "story": story,
            "chosen": chosen,
            "body": story.arrange(chosen)[0],
            **previews.build(story),
        }
        return self._render(request, "preview", context)

    def _confirm(self, request: HttpRequest, form: StoryForm, story: Story) -> HttpResponse:
        chosen = set(request.POST.getlist("keep")) & story.keys()
        data = form.cleaned_data
        choice = Choice(
            critic=data["critic"],
            chosen=chosen,
            headline=data["headline"],
            dek=data["dek"],
            title=data["title"],
            pictures=self._pictures(request, story),
            library=self._library(request, story),
            user=request.user,
        )
        try:
            review = create_draft(story, choice)
        except StoryError as error:
            messages.error(request, f"Nothing was written: {error}.")
            return self._preview(request, form, story, chosen)
        messages.success(request, f"Draft “{review.headline}” written; it is not published.")
        return HttpResponseRedirect(reverse("admin:reviews_review_change", args=[review.pk]))

    @staticmethod
    def _pictures(request: HttpRequest, story: Story) -> dict:
        files = {slot.index: request.FILES.get(f"picture-{slot.index}") for slot in story.stills}
        return {index: upload for index, upload in files.items() if upload is not None}

    @staticmethod
    def _library(request: HttpRequest, story: Story) -> dict[int, Photo]:
        picked = {s.index: request.POST.get(f"library-{s.index}", "") for s in story.stills}
        ids = {index: int(value) for index, value in picked.items() if value.isdigit()}
        photos = Photo.objects.usable().in_bulk(ids.values())
        return {index: photos[pk] for index, pk in ids.items() if pk in photos}

    def _render(self, request: HttpRequest, step: str, context: dict) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Bring in printed copy",
            "step": step,
            **context,
        }
        return TemplateResponse(request, "admin/reviews/review/import_story.html", context)
