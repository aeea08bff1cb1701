"""The policy-pack schema (pydantic). A pack is data: parameters per year and province,
derived features and rules as SQL expressions, categories, recommended measures."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    FiniteFloat,
    StringConstraints,
    model_validator,
)

# Identifiers reach the generated SQL (as column names and string literals): each is checked
# against a pattern when the pack is loaded, so a quote or a function call never gets that far.
#: Rule codes: ``INCOME_BELOW_LINE``.
RULE_CODE = r"^[A-Z][A-Z0-9_]*$"
#: Category codes, parameter, feature, group and evidence names: ``sudden_hardship``.
NAME = r"^[a-z][a-z0-9_]*$"
#: Risk-type codes: ``01`` … ``99`` (national list) or lower-case names.
RISK_CODE = r"^[a-z0-9][a-z0-9_]*$"
PROVINCE = r"^[0-9]{2}$"

RuleCode = Annotated[str, StringConstraints(pattern=RULE_CODE, max_length=60)]
Name = Annotated[str, StringConstraints(pattern=NAME, max_length=60)]
RiskCode = Annotated[str, StringConstraints(pattern=RISK_CODE, max_length=60)]
Province = Annotated[str, StringConstraints(pattern=PROVINCE)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Text(Strict):
    zh: str
    en: str


#: Where a parameter's value comes from: ``national`` a national policy fact; ``local`` a
#: province's figure shipped as an example; ``choice`` this pack's own choice where the policy
#: gives no figure; ``unverified`` a default not checked against its source.
Basis = Literal["national", "local", "choice", "unverified"]
BASES: tuple[str, ...] = ("national", "local", "choice", "unverified")


class Parameter(Strict):
    """A number the rules use. ``years`` gives it per year; ``default`` for every year;
    ``provinces`` overrides per 2-digit province code and year. ``basis`` labels the national
    values and the default (``year_basis`` per year where they differ); ``province_basis``
    labels a province's values (``local`` unless said)."""

    description: str = ""
    basis: Basis = "unverified"
    year_basis: dict[int, Basis] = Field(default_factory=dict)
    default: FiniteFloat | None = None
    years: dict[int, FiniteFloat] = Field(default_factory=dict)
    provinces: dict[Province, dict[int, FiniteFloat]] = Field(default_factory=dict)
    province_basis: dict[Province, Basis] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _legacy_unverified(cls, data: Any) -> Any:
        # Packs written before ``basis`` said ``unverified: true``.
        if isinstance(data, dict) and "unverified" in data:
            data = dict(data)
            if data.pop("unverified") and "basis" not in data:
                data["basis"] = "unverified"
        return data

    def basis_for(self, year: int, province: str | None = None) -> Basis:
        """The basis of the value :func:`resolve_parameters` takes for ``year``/``province``."""
        prov = (province or "")[:2] or None
        if prov and year in self.provinces.get(prov, {}):
            return self.province_basis.get(prov, "local")
        return self.year_basis.get(year, self.basis)


class MemberFeature(Strict):
    """A per-household aggregate over members: ``count`` of members where ``when`` holds
    (the only aggregate the rule language needs so far)."""

    name: Name
    count_where: str
    description: str = ""


class Feature(Strict):
    """A derived per-household value; may use the documented names, parameters (``:name``),
    member features and earlier features."""

    name: Name
    expr: str
    description: str = ""


class RiskType(Strict):
    code: RiskCode
    when: str | None = None


class Rule(Strict):
    code: RuleCode
    title: Text
    clause: str
    severity: Literal["risk", "data_check"] = "risk"
    when: str
    #: Evaluated only for households with an economy row for the year.
    needs_economy: bool = True
    risk_types: list[RiskType] = Field(default_factory=list)
    #: Risk type when none of ``risk_types`` applies.
    otherwise: RiskCode | None = None
    evidence: list[Name] = Field(default_factory=list)
    explain: Text | None = None


class Category(Strict):
    code: Name
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
    parameters: dict[Name, Parameter]
    member_features: list[MemberFeature] = Field(default_factory=list)
    features: list[Feature] = Field(default_factory=list)
    rules: list[Rule]
    groups: dict[Name, list[RuleCode]] = Field(default_factory=dict)
    categories: list[Category]
    risk_type_names: dict[RiskCode, Text] = Field(default_factory=dict)
    measures: dict[RiskCode, list[str]] = Field(default_factory=dict)
