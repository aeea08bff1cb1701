"""API pagination with bounded inputs: a page number past any real page is a 400, not a 500.

django-ninja's ``PageNumberPagination`` accepts any positive integer; an offset beyond 2⁶³
overflows the database driver (SQLite: "Python int too large"), which answered 500.
"""

from __future__ import annotations

from typing import Annotated

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
