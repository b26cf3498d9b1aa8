"""Placing a review's stills by picture, on a page of the review's admin: its paragraphs
listed by their first words with the stills between them as pictures, each moved up or
down (buttons, or dragged; static/js/admin_placement.js) or given its place in a list of
the paragraphs, which is also how the page works without its script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from reviews.editorial.placement import (
    Paragraph,
    PlacementConflict,
    Position,
    paragraphs,
    place_stills,
)
from reviews.models import Review, ReviewStill
from reviews.transactions import WriteBusy

#: A placement's fields in the form, e.g. "after_12" and "order_12".
PLACEMENT_FIELD = re.compile(r"(?:after|order)_(?P<pk>\d+)")
MAX_ORDER = 32767  # a PositiveSmallIntegerField


def place_label(paragraph: Paragraph) -> str:
    return f"After ¶{paragraph.number}: “{paragraph.opening}”"


@dataclass(frozen=True)
class Item:
    """One row of the page, in reading order: a paragraph, or a still with its fields."""

    paragraph: Paragraph | None = None
    placement: ReviewStill | None = None
    after: forms.BoundField | None = None
    order: forms.BoundField | None = None


class PlacementLayoutForm(forms.Form):
    """Where each still of one review goes: ``after_<id>``, the paragraph it follows (0:
    above the first), and ``order_<id>``, its rank among the stills after that paragraph;
    and ``version``, the review's version the page was loaded with."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            key: "This page does not say which version of the review it was loaded with; "
            "reload it and place the stills again."
            for key in ("required", "invalid")
        },
    )

    def __init__(self, review: Review, *args, arrangement: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        self.paragraphs = paragraphs(review.body)
        self.placements = list(
            review.placements.select_related("photo").prefetch_related("photo__renditions")
        )
        last = len(self.paragraphs)
        places = [(0, "Above the first paragraph")] + [
            (p.number, place_label(p)) for p in self.paragraphs
        ]
        self.fields["version"].initial = review.version
        for placement in self.placements:
            position = (arrangement or {}).get(placement.pk) or Position(
                min(placement.after_paragraph, last), placement.order
            )
            self.fields[f"after_{placement.pk}"] = forms.TypedChoiceField(
                label=f"Place of “{placement.photo.caption}”",
                choices=places,
                coerce=int,
                initial=min(position.after_paragraph, last),
                widget=forms.Select(attrs={"data-after": ""}),
                error_messages={
                    "required": "No place was sent for this still: choose one.",
                    "invalid_choice": "Choose one of the places between the paragraphs "
                    "(%(value)s is none of them).",
                },
            )
            self.fields[f"order_{placement.pk}"] = forms.IntegerField(
                min_value=0,
                max_value=MAX_ORDER,
                initial=position.order,
                widget=forms.HiddenInput(attrs={"data-order": ""}),
                error_messages={
                    "required": "No order was sent for this still.",
                    "invalid": "The order of this still must be a whole number.",
                },
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        known = {str(placement.pk) for placement in self.placements}
        unknown = sorted(
            {m["pk"] for key in self.data if (m := PLACEMENT_FIELD.fullmatch(key))} - known
        )
        if unknown:
            raise forms.ValidationError(
                "A still that is not placed in this review was sent (placement %(ids)s): the "
                "review's stills changed since this page was loaded. Reload the page and "
                "place them again.",
                params={"ids": ", ".join(unknown)},
                code="unknown_still",
            )
        return cleaned

    def positions(self) -> dict[int, Position]:
        """The placements' positions from a valid form."""
        data = self.cleaned_data
        return {
            p.pk: Position(data[f"after_{p.pk}"], data[f"order_{p.pk}"]) for p in self.placements
        }

    def sent_positions(self) -> dict[int, Position]:
        """What was sent for each placement that reads as a position, valid or not: kept
        when the page is shown again (after a conflict), so that nothing done is lost."""
        sent = {}
        for placement in self.placements:
            after = self.data.get(f"after_{placement.pk}", "")
            order = self.data.get(f"order_{placement.pk}", "")
            if after.isdigit() and order.isdigit():
                sent[placement.pk] = Position(int(after), int(order))
        return sent

    def items(self) -> list[Item]:
        """The page's rows in reading order: the stills where this form places them (what
        was sent, when it was sent), between the paragraphs."""
        by_place: dict[int, list[tuple[int, int, Item]]] = {}
        for rank, placement in enumerate(self.placements):
            after, order = self[f"after_{placement.pk}"], self[f"order_{placement.pk}"]
            item = Item(placement=placement, after=after, order=order)
            key = (_as_int(order.value(), 0), rank)
            by_place.setdefault(self._place_of(after), []).append((*key, item))
        rows = [item for *_, item in sorted(by_place.get(0, []), key=lambda row: row[:2])]
        for paragraph in self.paragraphs:
            rows.append(Item(paragraph=paragraph))
            stills = sorted(by_place.get(paragraph.number, []), key=lambda row: row[:2])
            rows += [item for *_, item in stills]
        return rows

    def _place_of(self, after: forms.BoundField) -> int:
        """The paragraph a still's field names, within the body (the end when beyond it)."""
        return min(max(_as_int(after.value(), 0), 0), len(self.paragraphs))


def _as_int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class PlacementAdminMixin(admin.ModelAdmin):
    """The review admin's "Place stills by picture" page."""

    placement_template = "admin/reviews/review/placement.html"

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.placement_view)
        name = f"{opts.app_label}_{opts.model_name}_placement"
        return [path("<path:object_id>/placement/", view, name=name), *super().get_urls()]

    def _placeable(self, request: HttpRequest, object_id: str) -> Review:
        review = self.get_object(request, unquote(object_id))
        if review is None:
            raise Http404("No such review, or not one you may open.")
        allowed = self.has_change_permission(request, review) and request.user.has_perm(
            "reviews.change_reviewstill"
        )
        if not allowed:
            raise PermissionDenied
        return review

    def placement_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        review = self._placeable(request, object_id)
        if request.method != "POST":
            return self._placement_page(request, PlacementLayoutForm(review))
        form = PlacementLayoutForm(review, request.POST)
        if not form.is_valid():
            return self._placement_page(request, form, status=400)
        try:
            place_stills(review, form.positions(), form.cleaned_data["version"], request.user)
        except PlacementConflict as conflict:
            return self._conflict(request, form, conflict)
        except WriteBusy as busy:
            messages.error(request, f"Not saved: {busy} Your arrangement is still below.")
            return self._placement_page(request, form, status=503)
        messages.success(
            request, "The stills are placed: the review's page shows them in this order."
        )
        return HttpResponseRedirect(request.path)

    def _conflict(
        self, request: HttpRequest, form: PlacementLayoutForm, conflict: PlacementConflict
    ) -> HttpResponse:
        """The page again, built on the review as saved now (its paragraphs may have
        changed), with the arrangement that was sent: saving again is a choice made with
        the saved text in view."""
        saved = Review.objects.get(pk=conflict.review.pk)
        fresh = PlacementLayoutForm(saved, arrangement=form.sent_positions())
        messages.error(
            request,
            f"Not saved: the review was saved by someone else while you placed its stills "
            f"(you loaded version {conflict.loaded_version}, the saved one is version "
            f"{saved.version}). Below are the saved paragraphs with your arrangement: check "
            "it and save again.",
        )
        return self._placement_page(request, fresh, status=409)

    def _placement_page(
        self, request: HttpRequest, form: PlacementLayoutForm, status: int = 200
    ) -> HttpResponse:
        review = form.review
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"Place the stills of “{review}”",
            "review": review,
            "original": review,
            "form": form,
            "lead": _lead_of(review, form.placements),
            "change_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[review.pk],
            ),
        }
        return TemplateResponse(request, self.placement_template, context, status=status)


def _lead_of(review: Review, placements: list[ReviewStill]) -> dict:
    """The review's lead photo and where it comes from, for the page to say so."""
    photo = review.listing_photo
    # Without a lead of its own, whichever shown still comes first in the body leads.
    first_leads = photo is None or review.lead_still_id != photo.pk
    if photo is None:
        return {"photo": None, "source": "", "first_leads": first_leads}
    if review.lead_still_id == photo.pk:
        source = "chosen on the review"
    elif any(p.photo_id == photo.pk for p in placements):
        source = "its first still in the body, as no lead photo is chosen"
    else:
        source = "the film's lead still, as no lead photo is chosen"
    return {"photo": photo, "source": source, "first_leads": first_leads}
