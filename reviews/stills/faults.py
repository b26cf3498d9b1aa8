"""What a storage failure looks like, on the local disk or in an object store, and how it
is told to the photo desk.

Media go through Django's storage API, so a failure is an ``OSError`` on disk (a folder
that refuses writes, a full disk) and a botocore error in an S3-compatible store (the
endpoint not answering, a refused request). Both are caught as one kind of fault: the
still is not saved, and the desk is told why in words, not with a 500.
"""

from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as StoreConnectionError

#: The exceptions a storage backend raises when it cannot read, write or delete a file.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


class StorageUnavailable(Exception):
    """The media storage refused or did not answer; nothing of the still was kept."""


def describe(error: BaseException) -> str:
    """A storage error in a few words for the desk, without paths or addresses (any other
    error by its class and message)."""
    if isinstance(error, StoreConnectionError | HTTPClientError):
        return "the object storage did not answer"
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "an error")
        return f"the object storage refused it ({code})"
    if isinstance(error, BotoCoreError):
        return f"the object storage failed ({type(error).__name__})"
    if isinstance(error, OSError) and error.errno is not None:
        return f"the media storage refused it ({(error.strerror or 'error').lower()})"
    # Not a storage error after all (a damaged original that no longer decodes, say).
    return f"{type(error).__name__}: {error}"
