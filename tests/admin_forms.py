"""Post an admin change form back as the browser would: the values it was rendered with."""

from django import forms


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
