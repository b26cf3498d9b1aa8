"""Admin forms as a browser posts them: back with the values they were rendered with, or a
review's typed out by hand; and the errors a form page shows."""

from django import forms
from django.urls import reverse


def _field_data(bound_field) -> dict:
    widget = bound_field.field.widget
    # The admin wraps relation widgets (add/change links); the input is the wrapped one.
    widget = getattr(widget, "widget", widget)
    value = bound_field.value()
    name = bound_field.html_name
    if isinstance(widget, forms.MultiWidget):
        parts = widget.decompress(value) if not isinstance(value, list) else value
        return {f"{name}_{i}": "" if part is None else str(part) for i, part in enumerate(parts)}
    if isinstance(widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    if getattr(widget, "allow_multiple_selected", False):
        return {name: [str(v) for v in value or []]}
    return {name: "" if value is None else str(value)}


def form_data(response) -> dict:
    """Every field of the admin form and its inline formsets, as rendered in ``response``."""
    data: dict = {}
    for bound in response.context["adminform"].form:
        data |= _field_data(bound)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data |= _field_data(bound)
        for form in formset.forms:
            for bound in form:
                data |= _field_data(bound)
    return data


def errors_on_page(response) -> str:
    """Every error message an admin form page shows, as one string."""
    messages = [str(response.context["adminform"].form.errors)]
    for inline in response.context["inline_admin_formsets"]:
        messages += [str(inline.formset.non_form_errors()), str(inline.formset.errors)]
    return " ".join(messages)


def post_change_form(client, obj, **changes) -> None:
    """Save ``obj`` through its admin change form, as rendered, with ``changes`` typed in."""
    url = reverse(f"admin:reviews_{obj._meta.model_name}_change", args=[obj.pk])
    response = client.post(url, form_data(client.get(url)) | changes)
    assert response.status_code == 302, response.content.decode()[:2000]


def review_change_data(review, **overrides) -> dict:
    """A review's change form typed out by hand: its fields and empty inlines."""
    data = {
        "film": review.film.pk,
        "critic": review.critic.pk,
        "headline": review.headline,
        "slug": review.slug,
        "dek": review.dek,
        "rating": str(review.rating),
        "body": review.body,
        "loaded_version": review.version,
        "placements-TOTAL_FORMS": "0",
        "placements-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return data | overrides
