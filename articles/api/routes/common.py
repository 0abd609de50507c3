from urllib.parse import urlsplit

from ninja import Query, Schema
from ninja.errors import HttpError

from articles.api.paging import DEFAULT_LIMIT


class FilterError(Exception):
    """A filter value the public listing's form refuses; answered 400 with its errors."""

    def __init__(self, errors):
        self.errors = {field: [str(e) for e in messages] for field, messages in errors.items()}
        super().__init__("Some filters are not valid.")


class Paging(Schema):
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


def filtered(filterset_class, request, queryset):
    """The public listing's own filters, given the API request's query string."""
    filterset = filterset_class(data=request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise FilterError(filterset.errors)
    return filterset.qs


def absolute(request):
    """Site paths as full addresses on the host the request came to."""
    base = request.build_absolute_uri("/")[:-1]
    return lambda path: path if urlsplit(path).scheme else base + path


def one(queryset, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise HttpError(404, f"No such {queryset.model._meta.verbose_name}.")
    return found


__all__ = ["FilterError", "Paging", "Query", "absolute", "filtered", "one"]
