"""The rules of the e-commerce import that span rows, tables and the database.

Each table's rows are checked in the dataset's order, so a reference is resolved against the
rows of the file *and* the records already registered inside the importer's region — never
against another region's (a reference to one reads like a reference to nothing: no oracle).
Enterprises are public business-registry facts and may be referred to from anywhere.
The database is read once per family (divisions, enterprises, programmes …), in chunks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from stdnum.cn import uscc

from fupin.ecommerce.choices import SITE_LEVEL_CODE_LENGTH, SiteService, SiteStatus
from fupin.ecommerce.models import (
    Enterprise,
    Pairing,
    Product,
    Programme,
    Site,
    SupplyChain,
    TrainingSession,
)
from fupin.households.models import Household
from fupin.regions.models import Division

if TYPE_CHECKING:
    from fupin.ecommerce.datasets.importer import EcommerceImporter, Row

CHUNK = 2000
LEVEL_OF_LENGTH = {6: "county", 9: "township", 12: "village"}
#: The states of a product of a county's list (ADR 0041; ecprod's certification): an
#: import creates a product in one of them and may update only a product in one of them.
LIST_STATES = ("listed", "expired")
#: Key columns that may be empty (an empty platform, an unnamed member are keys too).
OPTIONAL_KEYS = {"platform", "member_name"}


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    values = sorted(set(values))
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _lookup(queryset, field: str, keys: Iterable[Any], *columns: str) -> dict[Any, tuple]:
    out: dict[Any, tuple] = {}
    for part in _chunks(keys):
        for values in queryset.filter(**{f"{field}__in": part}).values_list(field, *columns):
            out[values[0]] = values[1:]
    return out


class Checker:
    """Pass 1's cross-row rules for one import (``run``)."""

    def __init__(self, imp: EcommerceImporter) -> None:
        self.imp, self.scope = imp, imp.scope
        self.db = self._load()

    # --- the database, once per family ---------------------------------------------------------

    def _load(self) -> dict[str, dict]:
        imp = self.imp
        divisions = {*imp.values("programmes", "division_code"),
                     *imp.values("sites", "division_code"),
                     *imp.values("logistics", "division_code"),
                     *imp.values("enterprises", "division_code"),
                     *imp.values("pairings", "division_code"),
                     *imp.values("supply_chains", "division_code"),
                     *imp.values("products", "division_code")}
        credit = {*imp.values("enterprises", "credit_code"),
                  *imp.values("pairings", "credit_code"),
                  *imp.values("products", "supplier_credit_code"),
                  *imp.values("batches", "origin_credit_code"),
                  *(c for v in imp.values("supply_chains", "enterprises") for c in _split(v))}
        programmes = {*imp.values("programmes", "code"),
                      *imp.values("training_sessions", "programme_code"),
                      *imp.values("beneficiaries", "programme_code")}
        products = {*imp.values("products", "code"), *imp.values("batches", "product_code"),
                    *imp.values("sales", "product_code")}
        sessions = {*imp.values("training_sessions", "code"),
                    *imp.values("beneficiaries", "session_code")}
        households = {*imp.values("batches", "origin_household_id"),
                      *imp.values("beneficiaries", "household_id")}
        return {
            "division": _lookup(Division.objects, "code", divisions, "level"),
            "enterprise": _lookup(Enterprise.objects, "credit_code", credit, "name", "kind",
                                  "division_code"),
            "programme": _lookup(Programme.objects, "code", programmes, "division_code",
                                 "start_year", "end_year"),
            "site": _lookup(Site.objects, "code", imp.values("sites", "code"),
                            "division_code"),
            "pairing": _lookup(Pairing.objects, "code",
                               {*imp.values("pairings", "code"),
                                *imp.values("pairing_years", "pairing_code")},
                               "division_code", "start_date", "end_date"),
            "supply_chain": _lookup(SupplyChain.objects, "code",
                                    {*imp.values("supply_chains", "code"),
                                     *imp.values("products", "supply_chain_code")},
                                    "division_code"),
            "product": _lookup(Product.objects, "code", products, "division_code", "state"),
            "session": _lookup(TrainingSession.objects, "code", sessions, "division_code",
                               "programme__code"),
            "household": _lookup(Household.objects, "household_id", households, "village_id"),
        }

    # --- helpers -------------------------------------------------------------------------------

    def add(self, table: str, row: Row, column: str, code: str, /, **params: Any) -> None:
        self.imp.add(table, row.number, column, row.clean.get(column), code, params)

    def division(self, table: str, row: Row, column: str = "division_code",
                 levels: tuple[str, ...] = ()) -> bool:
        """The division is known, of one of ``levels`` (any when empty), inside the scope."""
        code = row.clean.get(column)
        if not code:
            return False
        level = self.db["division"].get(code)
        if level is None:
            self.add(table, row, column, "unknown_division", code=code)
            return False
        if levels and level[0] not in levels:
            self.add(table, row, column, "wrong_level", code=code, level=level[0],
                     expected="/".join(levels))
            return False
        if not self.scope.contains(code):
            self.add(table, row, column, "outside_region", code=code)
            return False
        return True

    def unique(self, table: str, rows: list[Row], key_columns: tuple[str, ...],
               report_column: str) -> dict[tuple, Row]:
        """Rows by key; a key seen twice is reported at its second row."""
        seen: dict[tuple, Row] = {}
        for row in rows:
            key = tuple("" if row.clean.get(c) is None and c in OPTIONAL_KEYS
                        else row.clean.get(c) for c in key_columns)
            if None in key:
                continue
            if key in seen:
                self.add(table, row, report_column, "duplicate",
                         key=" / ".join(str(k) for k in key if k not in (None, "")),
                         row=seen[key].number)
                continue
            seen[key] = row
        return seen

    def not_elsewhere(self, table: str, row: Row, family: str, column: str = "code") -> None:
        """A code registered in another region may not be taken over from here."""
        known = self.db[family].get(row.clean.get(column))
        if known is not None and not self.scope.contains(known[0]):
            self.add(table, row, column, "code_elsewhere")

    def period(self, table: str, row: Row, start: str, end: str) -> None:
        a, b = row.clean.get(start), row.clean.get(end)
        if a is not None and b is not None and b < a:
            self.add(table, row, end, "end_before_start", start=a, end=b)

    def credit(self, table: str, row: Row, column: str, value: str | None = None,
               *, known: bool = True) -> bool:
        value = row.clean.get(column) if value is None else value
        if not value:
            return False
        if not (uscc.is_valid(value) and uscc.compact(value) == value):
            self.imp.add(table, row.number, column, value, "invalid_credit_code", {})
            return False
        if known and value not in self.file_enterprises and value not in self.db["enterprise"]:
            self.imp.add(table, row.number, column, value, "unknown_enterprise", {"code": value})
            return False
        return True

    def in_scope_db(self, family: str, code: str | None) -> tuple | None:
        known = self.db[family].get(code)
        return known if known is not None and self.scope.contains(known[0]) else None

    # --- the tables ----------------------------------------------------------------------------

    def run(self) -> None:
        imp = self.imp
        self.file_enterprises = {r.clean["credit_code"] for r in imp.rows("enterprises")
                                 if r.clean.get("credit_code")}
        for name in ("programmes", "sites", "logistics", "enterprises", "pairings",
                     "pairing_years", "supply_chains", "products", "batches", "sales",
                     "training_sessions", "beneficiaries"):
            if imp.rows(name):
                getattr(self, f"_{name}")(imp.rows(name))

    def _programmes(self, rows: list[Row]) -> None:
        self.programmes = {k[0]: r for k, r in
                           self.unique("programmes", rows, ("code",), "code").items()}
        for row in rows:
            self.division("programmes", row, levels=("county",))
            self.not_elsewhere("programmes", row, "programme")
            self.period("programmes", row, "start_year", "end_year")

    def _sites(self, rows: list[Row]) -> None:
        self.unique("sites", rows, ("code",), "code")
        for row in rows:
            level = row.clean.get("level")
            expected = LEVEL_OF_LENGTH[SITE_LEVEL_CODE_LENGTH[level]] if level else None
            self.division("sites", row, levels=(expected,) if expected else ())
            self.not_elsewhere("sites", row, "site")
            self.period("sites", row, "opened_on", "closed_on")
            if row.clean.get("status") == SiteStatus.CLOSED and row.ok \
                    and not row.clean.get("closed_on"):
                self.add("sites", row, "closed_on", "closed_without_date")
            for code in _split(row.clean.get("services")):
                if code not in SiteService.values:
                    self.add("sites", row, "services", "unknown_service", code=code,
                             allowed="; ".join(SiteService.values))

    def _logistics(self, rows: list[Row]) -> None:
        self.unique("logistics", rows, ("division_code", "year"), "year")
        for row in rows:
            self.division("logistics", row, levels=("township",))

    def _enterprises(self, rows: list[Row]) -> None:
        self.unique("enterprises", rows, ("credit_code",), "credit_code")
        for row in rows:
            if not self.credit("enterprises", row, "credit_code", known=False):
                continue
            if row.clean.get("division_code"):
                code = row.clean["division_code"]
                if code not in self.db["division"]:
                    self.add("enterprises", row, "division_code", "unknown_division", code=code)
            known = self.db["enterprise"].get(row.clean["credit_code"])
            mine = (row.clean.get("name"), row.clean.get("kind"),
                    row.clean.get("division_code") or "")
            if known is not None and tuple(known) != mine and not self.scope.is_nation \
                    and not (known[2] and self.scope.contains(known[2])):
                self.add("enterprises", row, "credit_code", "enterprise_elsewhere")

    def _pairings(self, rows: list[Row]) -> None:
        self.pairings = {k[0]: r for k, r in
                         self.unique("pairings", rows, ("code",), "code").items()}
        for row in rows:
            self.credit("pairings", row, "credit_code")
            self.division("pairings", row, levels=("county",))
            self.not_elsewhere("pairings", row, "pairing")
            self.period("pairings", row, "start_date", "end_date")

    def _pairing_years(self, rows: list[Row]) -> None:
        self.unique("pairing_years", rows, ("pairing_code", "year"), "year")
        pairings = getattr(self, "pairings", {})
        for row in rows:
            code, year = row.clean.get("pairing_code"), row.clean.get("year")
            if not code:
                continue
            if code in pairings:
                start, end = (pairings[code].clean.get("start_date"),
                              pairings[code].clean.get("end_date"))
            elif (known := self.in_scope_db("pairing", code)) is not None:
                start, end = known[1], known[2]
            else:
                self.add("pairing_years", row, "pairing_code", "unknown_pairing", code=code)
                continue
            if year and start and (year < start.year or (end and year > end.year)):
                self.add("pairing_years", row, "year", "year_outside_period", year=year,
                         start=start.year, end=end.year if end else "")

    def _supply_chains(self, rows: list[Row]) -> None:
        self.chains = {k[0]: r for k, r in
                       self.unique("supply_chains", rows, ("code",), "code").items()}
        for row in rows:
            self.division("supply_chains", row, levels=("county",))
            self.not_elsewhere("supply_chains", row, "supply_chain")
            for code in _split(row.clean.get("enterprises")):
                self.credit("supply_chains", row, "enterprises", code)

    def _products(self, rows: list[Row]) -> None:
        self.products = {k[0]: r for k, r in
                         self.unique("products", rows, ("code",), "code").items()}
        chains = getattr(self, "chains", {})
        for row in rows:
            self.credit("products", row, "supplier_credit_code")
            self.division("products", row, levels=("county", "township"))
            self.not_elsewhere("products", row, "product")
            self.period("products", row, "valid_from", "valid_until")
            known = self.in_scope_db("product", row.clean.get("code"))
            if known is not None and known[1] not in LIST_STATES:
                self.add("products", row, "code", "product_in_workflow", state=known[1])
            chain, origin = row.clean.get("supply_chain_code"), row.clean.get("division_code")
            if chain and origin:
                county = (chains[chain].clean.get("division_code") if chain in chains
                          else (self.in_scope_db("supply_chain", chain) or (None,))[0])
                if not county or county[:6] != origin[:6]:
                    self.add("products", row, "supply_chain_code", "unknown_supply_chain",
                             code=chain)

    def _product_origin(self, table: str, row: Row) -> str | None:
        """The division of the product ``row`` refers to, or None (reported)."""
        code = row.clean.get("product_code")
        if not code:
            return None
        products = getattr(self, "products", {})
        if code in products:
            return products[code].clean.get("division_code")
        known = self.in_scope_db("product", code)
        if known is None:
            self.add(table, row, "product_code", "unknown_product", code=code)
            return None
        return known[0]

    def _household(self, table: str, row: Row, column: str, county: str) -> None:
        hid = row.clean.get(column)
        village = self.in_scope_db("household", hid)
        if village is None or village[0][:6] != county[:6]:
            self.add(table, row, column, "household_not_in_county", code=hid,
                     county=county[:6].ljust(12, "0"))

    def _batches(self, rows: list[Row]) -> None:
        self.unique("batches", rows, ("product_code", "batch_no"), "batch_no")
        for row in rows:
            origin = self._product_origin("batches", row)
            if row.clean.get("origin_household_id") and origin:
                self._household("batches", row, "origin_household_id", origin)
            self.credit("batches", row, "origin_credit_code")
            if row.ok and not row.clean.get("origin_household_id") \
                    and not row.clean.get("origin_credit_code"):
                self.add("batches", row, "origin_household_id", "batch_needs_origin")
            quantity = row.clean.get("quantity")
            if quantity is not None and float(quantity) <= 0:
                self.add("batches", row, "quantity", "quantity_zero")

    def _sales(self, rows: list[Row]) -> None:
        self.unique("sales", rows, ("product_code", "year", "channel", "platform"), "channel")
        for row in rows:
            self._product_origin("sales", row)

    def _programme(self, table: str, row: Row) -> tuple[str, int, int | None] | None:
        code = row.clean.get("programme_code")
        if not code:
            return None
        programmes = getattr(self, "programmes", {})
        if code in programmes:
            c = programmes[code].clean
            if not c.get("division_code"):
                return None
            return c["division_code"], c.get("start_year"), c.get("end_year")
        known = self.in_scope_db("programme", code)
        if known is None:
            self.add(table, row, "programme_code", "unknown_programme", code=code)
            return None
        return known

    def _in_years(self, table: str, row: Row, column: str, year: int | None, programme) -> None:
        if year is None or programme is None or programme[1] is None:
            return
        start, end = programme[1], programme[2]
        if year < start or (end is not None and year > end):
            self.add(table, row, column, "year_outside_period", year=year, start=start,
                     end=end or "")

    def _training_sessions(self, rows: list[Row]) -> None:
        self.sessions = {k[0]: r for k, r in
                         self.unique("training_sessions", rows, ("code",), "code").items()}
        for row in rows:
            programme = self._programme("training_sessions", row)
            self.not_elsewhere("training_sessions", row, "session")
            held = row.clean.get("held_on")
            self._in_years("training_sessions", row, "held_on", held.year if held else None,
                           programme)
            c = row.clean
            if None not in (c.get("person_times"), c.get("poor_trainees"),
                            c.get("exited_trainees")) and (
                    c["poor_trainees"] > c["person_times"]
                    or c["exited_trainees"] > c["person_times"]):
                self.add("training_sessions", row, "poor_trainees", "trainees_exceed")

    def _beneficiaries(self, rows: list[Row]) -> None:
        self.unique("beneficiaries", rows, ("programme_code", "household_id", "member_name",
                                            "year", "outcome"), "household_id")
        sessions = getattr(self, "sessions", {})
        for row in rows:
            programme = self._programme("beneficiaries", row)
            if programme is None:
                continue
            if row.clean.get("household_id"):
                self._household("beneficiaries", row, "household_id", programme[0])
            self._in_years("beneficiaries", row, "year", row.clean.get("year"), programme)
            session = row.clean.get("session_code")
            if session:
                if session in sessions:
                    of = sessions[session].clean.get("programme_code")
                else:
                    known = self.in_scope_db("session", session)
                    of = known[1] if known else None
                if of != row.clean.get("programme_code"):
                    self.add("beneficiaries", row, "session_code", "unknown_session",
                             code=session)


def _split(value: str | None) -> list[str]:
    """A ``;``-separated list (also the full-width ；), blanks dropped."""
    if not value:
        return []
    return [v.strip() for v in value.replace("；", ";").split(";") if v.strip()]


def run(imp: EcommerceImporter) -> None:
    Checker(imp).run()
