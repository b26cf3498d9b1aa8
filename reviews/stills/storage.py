"""Where the files of a still whose rights have run out are kept: out of public reach.

Media are served without a permission check (a web server, a CDN or a public bucket hands
out whatever sits under the media address), so an expired still's files are *moved* here
rather than hidden (see ``reviews/stills/withdrawal.py``). On disk this is a folder beside
``MEDIA_ROOT`` that nothing serves; on S3 a private prefix or bucket (``settings.STORAGES``).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class WithdrawnFileStorage(FileSystemStorage):
    """A folder outside ``MEDIA_ROOT`` (``WITHDRAWN_MEDIA_ROOT``), with no public address."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.WITHDRAWN_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs) -> None:
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "WITHDRAWN_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise ValueError("A withdrawn still's files have no public address; the desk serves them.")
