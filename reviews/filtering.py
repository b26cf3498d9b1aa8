"""What a filtered, paginated list page tells its template about the filters in its address."""

from django.http import HttpRequest


def filter_context(request: HttpRequest) -> dict:
    """``querystring``: the filters without the page number, for the pagination links (which
    add their own); ``filtered``: whether any filter is set, to offer "Clear the filters"."""
    query = request.GET.copy()
    query.pop("page", None)
    return {"querystring": query.urlencode(), "filtered": any(query.values())}
