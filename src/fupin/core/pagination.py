"""API pagination with bounded inputs: a page number past any real page is a 400, not a 500.

django-ninja's ``PageNumberPagination`` accepts any positive integer; an offset beyond 2⁶³
overflows the database driver (SQLite: "Python int too large"), which answered 500.
"""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from pydantic import StringConstraints

#: A search or filter value in a query string: no NUL (PostgreSQL text cannot hold it, so it
#: answered 500) and no longer than any field it is compared with.
QueryText = Annotated[str, StringConstraints(max_length=100, pattern=r"^[^\x00]*$")]

#: A million pages of 50 is far beyond any region's registry.
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 500


class BoundedPageNumberPagination(PageNumberPagination):
    """``page`` in 1..MAX_PAGE and ``page_size`` in 1..MAX_PAGE_SIZE, else 400."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)


def with_choices(query: type[Schema], filterset: type) -> type[Schema]:
    """``query`` with each of its text fields that is a choice filter of ``filterset`` typed as
    that filter's choices (or ``""``, no filter): the OpenAPI document then says which values
    the API takes, and another value is refused by the schema (400) before the filter set,
    which keeps the one meaning of the filter, sees it."""
    import django_filters
    from pydantic import create_model

    fields: dict = {}
    for name in query.model_fields:
        declared = filterset.base_filters.get(name)
        if not isinstance(declared, django_filters.ChoiceFilter):
            continue
        choices = declared.extra.get("choices", ())
        if callable(choices):  # drawn from the data when asked: not a fixed set to declare
            continue
        values = tuple(dict.fromkeys(str(value) for value, _ in choices if value != ""))
        if not values:  # choices given per request (the caller's divisions): not declared
            continue
        fields[name] = (Literal[("", *values)], "")
    if not fields:
        return query
    return create_model(query.__name__, __base__=query, __module__=query.__module__, **fields)
