"""Forms of the photo desk, rendered by crispy-forms with the Bootstrap 5 pack."""

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.forms import formset_factory

from reviews.admin.versioning import VersionGuardForm
from reviews.models import Film, Photo
from reviews.models.photos import EXPIRING_SOON_DAYS
from reviews.stills.prefill import PrefillFromFileMixin, https_urls
from reviews.stills.validation import StillFileField, StillJudgedByFieldMixin

PHOTO_TEXT_FIELDS = ["caption", "credit_line", "alt_text", "film", "rights_holder"]
#: The rights the files carry and the page's structured data names, after the text fields.
PHOTO_RIGHTS_FIELDS = [
    "creator",
    "copyright_notice",
    "licence_url",
    "acquire_licence_url",
    "usage_terms",
    "usage_expires",
]


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class StillUploadForm(PrefillFromFileMixin, StillJudgedByFieldMixin, forms.ModelForm):
    """One still of a batch: the picture and what is printed and known about it. The
    caption, credit and rights left empty are filled from the file's metadata."""

    class Meta:
        model = Photo
        fields = [
            "image",
            *PHOTO_TEXT_FIELDS,
            *PHOTO_RIGHTS_FIELDS,
            "embargo_until",
            "embargo_note",
        ]
        formfield_callback = https_urls
        field_classes = {"image": StillFileField}
        widgets = {
            "usage_expires": DateInput,
            "usage_terms": forms.Textarea(attrs={"rows": 2}),
            "embargo_until": DateTimeInput,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = Film.objects.order_by("title")


#: The most stills one batch holds. The upload page states it, the page's script adds no
#: more to a batch, and the upload view names every file over it instead of dropping it.
BATCH_LIMIT = 50


def batch_limit() -> int:
    """The batch limit in force: never above Django's limit on files in one request
    (DATA_UPLOAD_MAX_NUMBER_FILES), which refuses a request over it whole."""
    files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    return min(BATCH_LIMIT, files) if files else BATCH_LIMIT


#: A batch of stills; the upload view judges and saves each form alone (one bad file does
#: not hold back the others), so the formset itself is never validated as a whole.
StillUploadFormSet = formset_factory(
    StillUploadForm, extra=3, max_num=BATCH_LIMIT, absolute_max=BATCH_LIMIT
)


class StillEditForm(PrefillFromFileMixin, VersionGuardForm):
    """A still's words, rights and focal point; the fields filled from the file are marked
    so until this form is saved, and a save from an older version than the stored one is
    refused with the other change shown (``VersionGuardForm``)."""

    class Meta:
        model = Photo
        fields = [
            *PHOTO_TEXT_FIELDS,
            *PHOTO_RIGHTS_FIELDS,
            "embargo_until",
            "embargo_note",
            "focal_x",
            "focal_y",
        ]
        formfield_callback = https_urls
        widgets = {
            "usage_expires": DateInput,
            "usage_terms": forms.Textarea(attrs={"rows": 2}),
            "embargo_until": DateTimeInput,
            "focal_x": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = Film.objects.order_by("title")


class LibraryFilterForm(forms.Form):
    RIGHTS = [
        ("", "Any rights"),
        ("usable", "Usable"),
        ("soon", f"Expiring within {EXPIRING_SOON_DAYS} days"),
        ("expired", "Expired"),
    ]

    USE = [("", "Used or not"), ("used", "Used"), ("unused", "Unused")]

    q = forms.CharField(label="Search", required=False, help_text="Caption, credit or film.")
    film = forms.ModelChoiceField(
        queryset=Film.objects.filter(stills__isnull=False).distinct().order_by("title"),
        required=False,
        empty_label="Any film",
    )
    rights = forms.ChoiceField(choices=RIGHTS, required=False)
    use = forms.ChoiceField(choices=USE, required=False, label="Use")

    def filter(self, stills: QuerySet[Photo]) -> QuerySet[Photo]:
        if not self.is_valid():
            return stills
        data = self.cleaned_data
        if data["q"]:
            words = data["q"].split()
            for word in words:
                stills = stills.filter(
                    Q(caption__icontains=word)
                    | Q(credit_line__icontains=word)
                    | Q(film__title__icontains=word)
                )
        if data["film"]:
            stills = stills.filter(film=data["film"])
        if data["rights"] == "usable":
            stills = stills.usable()
        elif data["rights"] == "soon":
            stills = stills.expiring_within(EXPIRING_SOON_DAYS)
        elif data["rights"] == "expired":
            stills = stills.expired()
        if data["use"] == "used":
            stills = stills.in_use()
        elif data["use"] == "unused":
            stills = stills.unused()
        return stills
