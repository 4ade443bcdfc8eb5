"""Lists in pages: the body stays a plain list; ``X-Total-Count`` says how many there are in all, and a
``Link`` header with ``rel="next"`` gives the next page's address while there is more."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from ninja import Query

MAX_LIMIT = 500

# The query parameters of every listing route.
PAGE: Any = Query(  # type: ignore[type-arg]  # ninja types Query loosely
    1, ge=1, description="Which page of `limit` (when no `offset` is given)."
)
OFFSET: Any = Query(  # type: ignore[type-arg]  # ninja types Query loosely
    None, ge=0, description="How many to skip; default where `page` starts."
)


def limit(default: int) -> Any:
    return Query(  # type: ignore[type-arg]  # ninja types Query loosely
        default,
        ge=1,
        le=MAX_LIMIT,
        description=f"How many to return (default {default}, at most {MAX_LIMIT}).",
    )


M = TypeVar("M", bound=Model)

# The headers every listing route sends, as the OpenAPI schema describes them (merged into its 200).
HEADERS: dict[str, Any] = {
    "X-Total-Count": {
        "description": "How many there are in all, across every page.",
        "schema": {"type": "integer"},
    },
    "Link": {
        "description": 'The next page, as `<url>; rel="next"`: sent only while there is more.',
        "schema": {"type": "string"},
    },
}
LISTING: dict[str, Any] = {"responses": {200: {"headers": HEADERS}}}


def window(
    request: HttpRequest,
    response: HttpResponse,
    found: QuerySet[M],
    *,
    limit: int,
    offset: int | None,
    page: int = 1,
) -> list[M]:
    """``limit`` rows of ``found`` from ``offset`` (default: where page ``page`` of ``limit`` starts), with
    the paging headers set on ``response``."""
    start = offset if offset is not None else (page - 1) * limit
    total = found.count()
    response["X-Total-Count"] = str(total)
    if start + limit < total:
        query: QueryDict = request.GET.copy()
        for key in ("page", "offset", "limit"):
            query.pop(key, None)
        query["offset"], query["limit"] = str(start + limit), str(limit)
        response["Link"] = f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="next"'
    return list(found[start : start + limit])
