"""System checks for settings that only make sense together."""

from django.conf import settings
from django.core.checks import Error, register


@register("reviews")
def expired_stills_setting(app_configs, **kwargs) -> list[Error]:
    """``NEWSROOM_EXPIRED_STILLS=signed`` leaves an expired still's files in place, which is
    safe only when the bucket answers signed, expiring addresses and nothing else."""
    if settings.EXPIRED_STILLS != "signed":
        return []
    storage = settings.STORAGES["default"]
    signed = storage["BACKEND"].endswith("S3Storage") and storage.get("OPTIONS", {}).get(
        "querystring_auth"
    )
    if signed:
        return []
    return [
        Error(
            "NEWSROOM_EXPIRED_STILLS=signed needs media on S3 with signed addresses "
            "(NEWSROOM_S3_BUCKET and NEWSROOM_S3_SIGNED_URLS=1): otherwise an expired "
            "still's files keep answering at their public addresses.",
            hint="Leave NEWSROOM_EXPIRED_STILLS unset (withdraw) to move the files instead.",
            id="reviews.E001",
        )
    ]
