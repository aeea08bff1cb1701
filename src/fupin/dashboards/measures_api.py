"""Poverty measures API (issue 15 item 4): the screen's numbers as JSON — FGT and
Alkire–Foster for the divisions below a focus inside the caller's region, computed by the
engine over the registry (:mod:`fupin.dashboards.measures`)."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, QueryDict
from ninja import Field, Query, Router, Schema

from fupin.core.errors import Forbidden
from fupin.core.pagination import QueryText
from fupin.dashboards import measures

router = Router(tags=["measures"])


class MeasuresQuery(Schema):
    division: QueryText = Field("", description="12-digit code inside your region; empty: "
                                "your own division")
    year: int | None = Field(None, description="default 2021")
    line: Decimal | None = Field(None, description="yuan per person per year; default: the "
                                 "policy's poverty line for the year")
    k: Decimal | None = Field(None, description="poverty cut-off in weighted deprivations; "
                              "default 2")
    dimensions: QueryText = Field("", description="comma-separated: income, education, "
                                  "medical, housing, water; default all")


class MeasureRowOut(Schema):
    division: str = Field(description="12-digit code (the focus itself for the total)")
    name: str
    people: int
    P0: float = Field(description="headcount ratio")
    P1: float = Field(description="poverty gap index")
    P2: float = Field(description="squared poverty gap (severity)")
    H: float = Field(description="multidimensional headcount ratio")
    A: float | None = Field(description="intensity; null where nobody is poor")
    M0: float = Field(description="adjusted headcount ratio, H × A")
    share: float | None = Field(description="the division's contribution to the focus's "
                                      "M0; null for the total")
    censored: dict[str, float] = Field(description="censored headcount ratio per dimension")


class MeasuresOut(Schema):
    division: str
    level: str = Field(description="the level of the rows: province, county, township, village")
    year: int
    line: Decimal
    k: Decimal
    dimensions: list[str]
    rows: list[MeasureRowOut]
    total: MeasureRowOut | None
    by_dimension: dict[str, float] = Field(description="each dimension's contribution to M0")


@router.get("/measures", response=MeasuresOut)
def get_measures(request: HttpRequest, query: Query[MeasuresQuery]):
    """FGT (P0, P1, P2) and Alkire–Foster (H, A, M0) per division below ``division`` with the
    total and M0's decomposition; 403 without the permission, 404 outside your region."""
    user = request.user
    if not user.has_perm(measures.PERMISSION) or user.division_id is None:
        raise Forbidden("your role may not see poverty measures")
    focus = measures.focus_for(user, query.division)
    data = QueryDict(mutable=True)
    for name in ("year", "line", "k"):
        value = getattr(query, name)
        if value is not None:
            data[name] = str(value)
    data.setlist("dimensions", [d.strip() for d in query.dimensions.split(",") if d.strip()])
    params = measures.params_from(measures.MeasuresForm(data))
    return measures.compute(user, focus, params).as_dict()
