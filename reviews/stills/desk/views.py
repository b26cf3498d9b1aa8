"""The photo desk's pages: batch upload, the library, editing a still.

Photo desk and Editor roles hold the permissions these pages ask for; other staff get a
403, visitors the login page.
"""

import mimetypes
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView, UpdateView

from reviews.models import Photo
from reviews.public.forms import filter_context
from reviews.stills import services
from reviews.stills.desk.forms import (
    LibraryFilterForm,
    StillEditForm,
    StillUploadForm,
    StillUploadFormSet,
    batch_limit,
)
from reviews.stills.faults import STORAGE_ERRORS, StorageUnavailable, describe
from reviews.stills.pictures import thumbnail_file
from reviews.stills.prefill import prefill_answer
from reviews.stills.tasks import remake_renditions
from reviews.stills.usage import uses_of
from reviews.stills.withdrawal import storage_of
from reviews.transactions import WriteBusy, write_transaction

LIBRARY_PAGE_SIZE = 24
#: The picture field of a still in the upload formset, e.g. "stills-7-image".
IMAGE_FIELD = re.compile(r"stills-(?P<index>\d+)-image")


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def files_not_taken(request: HttpRequest, forms: list[StillUploadForm], limit: int) -> list[dict]:
    """Every uploaded file no still of ``forms`` took, named with the reason, in the shape
    of a failed still: over the batch limit, or sent where no still's picture field reads
    it (a second file for one still, an unknown field)."""
    taken = {id(form.files.get(form.add_prefix("image"))) for form in forms}
    refused = []
    for key, uploads in request.FILES.lists():
        match = IMAGE_FIELD.fullmatch(key)
        if match and int(match["index"]) >= limit:
            reason = (
                f"Not uploaded: a batch holds at most {limit} stills. Upload this one in "
                "another batch."
            )
        else:
            reason = (
                "Not uploaded: each still takes one picture; add this one as a still of its own."
            )
        refused += [
            {
                "file": upload.name,
                "errors": [{"field": "image", "label": "Image", "message": reason}],
            }
            for upload in uploads
            if id(upload) not in taken
        ]
    return refused


def error_list(form: StillUploadForm) -> list[dict]:
    """A form's errors as [{"field": name, "label": its label, "message": ...}]; errors
    that belong to no field are labelled "Still"."""
    errors = []
    for name, messages_ in form.errors.items():
        label = form.fields[name].label if name in form.fields else "Still"
        errors += [{"field": name, "label": str(label), "message": m} for m in messages_]
    return errors


@method_decorator(never_cache, name="dispatch")
class DeskView(PermissionRequiredMixin):
    """Desk pages are private and never cached; like the admin, they are for staff only (a
    user whose staff status was taken away keeps no desk through an old session)."""

    def has_permission(self) -> bool:
        user = self.request.user
        return user.is_active and user.is_staff and super().has_permission()


class UploadView(DeskView, View):
    """Upload a batch: each still is judged and saved alone, so one bad file fails with its
    reason while the others are kept. The page's script posts one still per request (for
    a progress bar each); without the script the whole batch comes in one request.

    No file is dropped without a word: one over the batch limit, or sent where no still of
    the form reads it, is named in the answer with the reason it was not uploaded.
    """

    permission_required = "reviews.add_photo"
    template_name = "staff/upload.html"
    storage_failed = False

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(StillUploadFormSet(prefix="stills"))

    def page(self, formset, saved=(), failed=None, refused=None, status: int = 200) -> HttpResponse:
        context = {
            "formset": formset,
            "saved": saved,
            "failed": failed or [],
            "refused": refused or [],
            "batch_limit": batch_limit(),
            "max_megabytes": f"{settings.STILL_MAX_BYTES / 1024 / 1024:g}",
            "max_megapixels": f"{settings.STILL_MAX_PIXELS / 1_000_000:g}",
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request: HttpRequest) -> HttpResponse:
        formset = StillUploadFormSet(request.POST, request.FILES, prefix="stills")
        if not formset.management_form.is_valid():
            return self.incomplete()
        limit = batch_limit()
        forms = [form for form in formset.forms[:limit] if form.has_changed()]
        saved, failed = [], []
        for form in forms:
            photo = self.save_one(form)
            if photo is None:
                form.file_name = self.file_name(form)  # the page names it: choose it again
                failed.append(form)
            else:
                saved.append(photo)
        refused = files_not_taken(request, forms, limit)
        if wants_json(request):
            return self.json_answer(saved, failed, refused)
        if saved:
            messages.success(request, f"{len(saved)} still(s) saved.")
        if not saved and not failed and not refused:
            messages.error(request, "Choose at least one picture to upload.")
        status = self.status(saved, failed + refused)
        return self.page(formset, saved, failed, refused, status=status)

    def incomplete(self) -> HttpResponse:
        message = "The upload form was incomplete; reload the page and try again."
        if wants_json(self.request):
            return JsonResponse({"saved": [], "failed": [{"errors": [message]}]}, status=400)
        messages.error(self.request, message)
        return redirect("desk:upload")

    def json_answer(self, saved: list, failed: list, refused: list[dict]) -> JsonResponse:
        answer = {
            "saved": [self.describe(photo) for photo in saved],
            "failed": [
                {"file": self.file_name(form), "errors": error_list(form)} for form in failed
            ]
            + refused,
        }
        return JsonResponse(answer, status=self.status(saved, answer["failed"], created=201))

    def status(self, saved: list, failed: list, created: int = 200) -> int:
        """503 when storage failed a still, 400 when a still was refused, else ``created``
        for a batch that saved stills (200 for one that held none)."""
        if self.storage_failed:
            return 503
        if failed:
            return 400
        return created if saved else 200

    def save_one(self, form: StillUploadForm) -> Photo | None:
        if not form.is_valid():
            return None
        photo = form.save(commit=False)
        photo.uploaded_by = self.request.user
        try:
            return services.save_still(photo, form.cleaned_data["image"])
        except ValidationError as error:
            form.add_error(None, error)
        except (StorageUnavailable, WriteBusy) as error:
            # Not the file's fault: the answer says so (503), and nothing of it was kept.
            form.add_error(None, str(error))
            self.storage_failed = True
        return None

    @staticmethod
    def file_name(form: StillUploadForm) -> str:
        upload = form.files.get(form.add_prefix("image"))
        return upload.name if upload else ""

    @staticmethod
    def describe(photo: Photo) -> dict:
        return {
            "id": photo.pk,
            "caption": photo.caption,
            "credit_line": photo.credit_line,
            "from_file": photo.from_file,
            "edit_url": reverse("desk:still-edit", args=[photo.pk]),
        }


class StillMetadataView(DeskView, View):
    """What a chosen file's metadata would fill, before it is uploaded: the desk's upload
    form and the admin's still form (and its pop-up) ask it as soon as a file is chosen,
    and mark each field it fills "from the file". Nothing is stored."""

    permission_required = "reviews.add_photo"

    def post(self, request: HttpRequest) -> JsonResponse:
        upload = request.FILES.get("image")
        if upload is None:
            return JsonResponse({"error": "Send the picture as the field “image”."}, status=400)
        if upload.size > settings.STILL_MAX_BYTES:
            limit = f"{settings.STILL_MAX_BYTES / 2**20:g}"
            return JsonResponse({"error": f"The file is over the {limit} MB limit."}, status=400)
        return JsonResponse(prefill_answer(upload))


class LibraryView(DeskView, ListView):
    """Every still as a thumbnail, searchable and filtered by film and by rights."""

    permission_required = "reviews.view_photo"
    template_name = "staff/library.html"
    context_object_name = "stills"
    paginate_by = LIBRARY_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Photo]:
        self.filters = LibraryFilterForm(self.request.GET or None)
        stills = Photo.objects.select_related("film").prefetch_related("renditions")
        return self.filters.filter(stills)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context |= filter_context(self.request)
        context |= {
            "filters": self.filters,
            "can_edit": self.request.user.has_perm("reviews.change_photo"),
        }
        return context


class StillEditView(DeskView, UpdateView):
    """A still's words and focal point, and the places it is used."""

    permission_required = "reviews.change_photo"
    template_name = "staff/still_form.html"
    form_class = StillEditForm
    context_object_name = "photo"

    def get_queryset(self) -> QuerySet[Photo]:
        return Photo.objects.select_related("film").prefetch_related("renditions")

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """The still's row locked from the form's version check until the save commits: a
        second save from the same version waits, then is refused as a conflict."""
        try:
            with write_transaction():
                Photo.objects.lock_present([int(kwargs["pk"])])
                return super().post(request, *args, **kwargs)
        except WriteBusy as busy:
            messages.error(request, f"{busy} Your changes were not saved.")
            return redirect("desk:still-edit", pk=kwargs["pk"])

    def form_valid(self, form: StillEditForm) -> HttpResponse:
        try:
            services.save_still(form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        LogEntry.objects.log_actions(
            self.request.user.pk,
            [self.object],
            CHANGE,
            [{"changed": {"fields": form.changed_data}}],
            single_object=True,
        )
        messages.success(self.request, f"Saved “{self.object}”.")
        return redirect("desk:still-edit", pk=self.object.pk)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        photo = self.object
        context |= uses_of(photo)
        context["can_delete"] = self.request.user.has_perm("reviews.delete_photo")
        return context


class StillDeleteView(DeskView, View):
    """Delete a still; when storage will not remove its files, the still is deleted all the
    same and the desk is told the files wait for the media clean-up (see delete_still)."""

    permission_required = "reviews.delete_photo"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        photo = get_object_or_404(Photo, pk=pk)
        try:
            removal = services.delete_still(photo)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("desk:still-edit", pk=pk)
        if removal.left:
            messages.warning(
                request,
                f"Deleted “{photo}”: it is shown nowhere any more. Storage would not remove "
                f"{len(removal.left)} of its files just now; the media clean-up "
                "(manage.py cleanup_media) removes them once storage answers.",
            )
        else:
            messages.success(request, f"Deleted “{photo}” and its files.")
        return redirect("desk:library")


class StillRenditionsView(DeskView, View):
    """Make a still's renditions again, now: the retry when making them failed."""

    permission_required = "reviews.change_photo"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        photo = get_object_or_404(Photo, pk=pk)
        try:
            made = remake_renditions(photo)
        except Exception as error:  # noqa: BLE001 - recorded on the still, told to the desk
            messages.error(
                request,
                f"The renditions could not be made: {describe(error)}. Pages show the original "
                "meanwhile; try again later.",
            )
        else:
            messages.success(request, f"Made {len(made)} rendition(s) of “{photo}”.")
        return redirect("desk:still-edit", pk=pk)


class StillFileView(DeskView, View):
    """A still's thumbnail served to staff from wherever its files are: the way the desk and
    the admin still see a still whose files were withdrawn when its rights expired."""

    permission_required = "reviews.view_photo"

    def get(self, request: HttpRequest, pk: int, width: int) -> FileResponse:
        photo = get_object_or_404(Photo.objects.prefetch_related("renditions"), pk=pk)
        name = thumbnail_file(photo, width).name
        try:
            handle = storage_of(photo).open(name, "rb")
        except STORAGE_ERRORS as error:
            raise Http404(f"This still's file is not in storage: {describe(error)}") from error
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return FileResponse(handle, content_type=content_type)  # never cached (DeskView)
