"""The policy-pack schema (pydantic). A pack is data: parameters per year and province,
derived features and rules as SQL expressions, categories, recommended measures."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Text(Strict):
    zh: str
    en: str


class Parameter(Strict):
    """A number the rules use. ``years`` gives it per year; ``default`` for every year;
    ``provinces`` overrides per 2-digit province code and year."""

    description: str = ""
    unverified: bool = False
    default: float | None = None
    years: dict[int, float] = Field(default_factory=dict)
    provinces: dict[str, dict[int, float]] = Field(default_factory=dict)


class MemberFeature(Strict):
    """A per-household aggregate over members: ``count`` of members where ``when`` holds
    (the only aggregate the rule language needs so far)."""

    name: str
    count_where: str
    description: str = ""


class Feature(Strict):
    """A derived per-household value; may use the documented names, parameters (``:name``),
    member features and earlier features."""

    name: str
    expr: str
    description: str = ""


class RiskType(Strict):
    code: str
    when: str | None = None


class Rule(Strict):
    code: str
    title: Text
    clause: str
    severity: Literal["risk", "data_check"] = "risk"
    when: str
    #: Evaluated only for households with an economy row for the year.
    needs_economy: bool = True
    risk_types: list[RiskType] = Field(default_factory=list)
    #: Risk type when none of ``risk_types`` applies.
    otherwise: str | None = None
    evidence: list[str] = Field(default_factory=list)
    explain: Text | None = None


class Category(Strict):
    code: str
    title: Text
    when: str | None = None  # None: the fallback


class Pack(Strict):
    name: str
    version: str
    title: Text
    source: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    years: list[int]
    parameters: dict[str, Parameter]
    member_features: list[MemberFeature] = Field(default_factory=list)
    features: list[Feature] = Field(default_factory=list)
    rules: list[Rule]
    groups: dict[str, list[str]] = Field(default_factory=dict)
    categories: list[Category]
    risk_type_names: dict[str, Text] = Field(default_factory=dict)
    measures: dict[str, list[str]] = Field(default_factory=dict)
