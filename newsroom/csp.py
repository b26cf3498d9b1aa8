"""The Content Security Policy, plus the hash of the rich-text editor's import map.

django-prose-editor loads its modules through an inline ``<script type="importmap">``. Its
content is fixed (module names to static URLs), so the policy allows that one script by its
SHA-256 hash instead of allowing inline scripts.
"""

import base64
import functools
import hashlib

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase


@functools.cache
def importmap_hash() -> str:
    from django_prose_editor.widgets import importmap

    html = str(importmap)
    content = html[html.index(">") + 1 : html.rindex("</script>")]
    digest = hashlib.sha256(content.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only:
            update = dict(parts.update or {})
            script_src = update.get("script-src") or []
            if isinstance(script_src, str):
                script_src = [script_src]
            update["script-src"] = [*script_src, importmap_hash()]
            parts.update = update
        return parts
