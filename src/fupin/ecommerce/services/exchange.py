"""Writing checked rows of the e-commerce dataset: one transaction, bulk writes, one audit
record per import (ADR 0041).

Each table is matched on its natural key (codes, credit codes, township and year …): new
rows are inserted, changed ones updated, unchanged ones left alone, so the same file twice
writes nothing the second time (and records nothing). An import never deletes. Products of a
county's list arrive *listed* (the certification already happened, outside the system or
before it); a product in certification is the workflow's, never the import's.
Called only by ``ecommerce.datasets`` after a validation without error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from fupin.core import audit
from fupin.core.access import NATION_CODE, Scope
from fupin.ecommerce.models import (
    Beneficiary,
    Enterprise,
    LogisticsYear,
    Pairing,
    PairingYear,
    Product,
    Programme,
    Sale,
    Site,
    SupplyChain,
    TraceBatch,
    TrainingSession,
)
from fupin.ecommerce.services import products as product_services
from fupin.households.models import Household

CHUNK = 2000
LISTED, EXPIRED = "listed", "expired"


def split_list(value: str | None) -> list[str]:
    """A ``;``-separated cell (also the full-width ；) as its items, blanks dropped."""
    if not value:
        return []
    return [v.strip() for v in value.replace("；", ";").split(";") if v.strip()]


def _upsert(model: type[models.Model], key: tuple[str, ...], records: list[dict[str, Any]],
            new_defaults: Callable[[dict], dict] | None = None
            ) -> tuple[dict[tuple, models.Model], dict[str, int]]:
    """Insert or update ``records`` (model attribute → value) matched on ``key``; returns the
    objects by key and the counts."""
    first = key[0]
    existing: dict[tuple, models.Model] = {}
    wanted = sorted({r[first] for r in records})
    for i in range(0, len(wanted), CHUNK):
        for obj in model.objects.filter(**{f"{first}__in": wanted[i:i + CHUNK]}):
            existing[tuple(getattr(obj, k) for k in key)] = obj
    new, changed, fields = [], [], set()
    out: dict[tuple, models.Model] = {}
    for r in records:
        k = tuple(r[f] for f in key)
        obj = existing.get(k)
        if obj is None:
            obj = model(**r, **(new_defaults(r) if new_defaults else {}))
            new.append(obj)
        else:
            diff = [f for f, v in r.items() if getattr(obj, f) != v]
            for f in diff:
                setattr(obj, f, r[f])
            if diff:
                fields.update(diff)
                changed.append(obj)
        out[k] = obj
    if new:
        model.objects.bulk_create(new, batch_size=CHUNK)
    if changed:
        now = timezone.now()
        for obj in changed:
            obj.updated_at = now
        model.objects.bulk_update(changed, [*sorted(fields), "updated_at"], batch_size=CHUNK)
    return out, {"new": len(new), "changed": len(changed),
                 "unchanged": len(records) - len(new) - len(changed)}


def _by_code(model: type[models.Model], field: str, codes: Iterable[str],
             known: dict[str, models.Model]) -> dict[str, models.Model]:
    """Objects by ``field``: those written by this import, then the database's."""
    out = dict(known)
    missing = sorted({c for c in codes if c and c not in out})
    for i in range(0, len(missing), CHUNK):
        for obj in model.objects.filter(**{f"{field}__in": missing[i:i + CHUNK]}):
            out[getattr(obj, field)] = obj
    return out


def _quantity(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _blank(value: Any) -> Any:
    return "" if value is None else value


class _Writer:
    def __init__(self, actor: Any, rows: dict[str, list[dict]], progress) -> None:
        self.actor, self.rows, self.progress = actor, rows, progress
        self.counts: dict[str, int] = {}
        self.done: dict[str, dict[str, models.Model]] = {}

    def table(self, name: str, model, key, records, new_defaults=None, by="code"):
        objects, counts = _upsert(model, key, records, new_defaults)
        for what, n in counts.items():
            self.counts[f"{name}_{what}"] = n
        if by:
            self.done[name] = {getattr(o, by): o for o in objects.values()}
        self.progress(f"write:{name}", len(records))
        return objects

    def ref(self, name: str, model, field: str, codes: Iterable[str]):
        return _by_code(model, field, codes, self.done.get(name, {}))

    def write(self) -> None:
        rows = self.rows
        if rows.get("programmes"):
            self.table("programmes", Programme, ("code",), [
                {"code": r["code"], "kind": r["kind"], "division_code": r["division_code"],
                 "name": r["name"], "lead_unit": _blank(r["lead_unit"]),
                 "start_year": r["start_year"], "end_year": r["end_year"]}
                for r in rows["programmes"]])
        if rows.get("sites"):
            self.table("sites", Site, ("code",), [
                {"code": r["code"], "level": r["level"], "division_code": r["division_code"],
                 "name": r["name"], "operator": _blank(r["operator"]),
                 "services": ";".join(split_list(r["services"])),
                 "opened_on": r["opened_on"], "closed_on": r["closed_on"],
                 "status": r["status"], "area_m2": r["area_m2"]} for r in rows["sites"]])
        if rows.get("logistics"):
            self.table("logistics", LogisticsYear, ("division_code", "year"), [
                {"division_code": r["division_code"], "year": r["year"],
                 "express_covered": r["express_covered"], "carriers": _blank(r["carriers"]),
                 "village_delivery_points": r["village_delivery_points"] or 0,
                 "parcels_in": r["parcels_in"], "parcels_out": r["parcels_out"]}
                for r in rows["logistics"]], by=None)
        if rows.get("enterprises"):
            self.table("enterprises", Enterprise, ("credit_code",), [
                {"credit_code": r["credit_code"], "name": r["name"], "kind": r["kind"],
                 "division_code": _blank(r["division_code"])} for r in rows["enterprises"]],
                by="credit_code")
        self._pairings()
        self._chains_and_products()
        self._training()

    def _enterprises(self, codes: Iterable[str]) -> dict[str, models.Model]:
        return self.ref("enterprises", Enterprise, "credit_code", codes)

    def _pairings(self) -> None:
        rows = self.rows
        if rows.get("pairings"):
            firms = self._enterprises(r["credit_code"] for r in rows["pairings"])
            self.table("pairings", Pairing, ("code",), [
                {"code": r["code"], "enterprise_id": firms[r["credit_code"]].pk,
                 "division_code": r["division_code"], "start_date": r["start_date"],
                 "end_date": r["end_date"], "committed_purchase": r["committed_purchase"],
                 "committed_training": r["committed_training"],
                 "committed_jobs": r["committed_jobs"]} for r in rows["pairings"]])
        if rows.get("pairing_years"):
            pairings = self.ref("pairings", Pairing, "code",
                                (r["pairing_code"] for r in rows["pairing_years"]))
            self.table("pairing_years", PairingYear, ("pairing_id", "year"), [
                {"pairing_id": pairings[r["pairing_code"]].pk,
                 "division_code": pairings[r["pairing_code"]].division_code,
                 "year": r["year"], "delivered_purchase": r["delivered_purchase"],
                 "delivered_training": r["delivered_training"],
                 "delivered_jobs": r["delivered_jobs"]} for r in rows["pairing_years"]],
                by=None)

    def _chains_and_products(self) -> None:
        rows = self.rows
        if rows.get("supply_chains"):
            chains = self.table("supply_chains", SupplyChain, ("code",), [
                {"code": r["code"], "division_code": r["division_code"], "sector": r["sector"],
                 "name": r["name"], "brand": _blank(r["brand"]),
                 "standards": _blank(r["standards"]),
                 "certifications": _blank(r["certifications"])}
                for r in rows["supply_chains"]])
            wanted = {r["code"]: split_list(r["enterprises"]) for r in rows["supply_chains"]}
            firms = self._enterprises(c for codes in wanted.values() for c in codes)
            through = SupplyChain.enterprises.through
            ids = [c.pk for c in chains.values()]
            have: dict[int, set[int]] = {pk: set() for pk in ids}
            for chain_id, firm_id in through.objects.filter(
                    supplychain_id__in=ids).values_list("supplychain_id", "enterprise_id"):
                have[chain_id].add(firm_id)
            add, gone, moved = [], [], 0
            for (code,), chain in chains.items():
                want = {firms[c].pk for c in wanted[code]}
                add += [through(supplychain_id=chain.pk, enterprise_id=e)
                        for e in want - have[chain.pk]]
                gone += [(chain.pk, e) for e in have[chain.pk] - want]
                moved += want != have[chain.pk]
            through.objects.bulk_create(add, batch_size=CHUNK)
            for chain_id, firm_id in gone:
                through.objects.filter(supplychain_id=chain_id, enterprise_id=firm_id).delete()
            self.counts["supply_chain_enterprises_changed"] = moved
        if rows.get("products"):
            self._products(rows["products"])
        self._batches_and_sales()

    def _products(self, rows: list[dict]) -> None:
        """Products of a county's list: existing ones (listed or expired) are updated; new
        ones are created listed — expired when their validity has ended — through
        ``services.products.import_listed`` where the certification provides it (it writes
        the workflow step), else here with the same states."""
        firms = self._enterprises(r["supplier_credit_code"] for r in rows)
        chains = self.ref("supply_chains", SupplyChain, "code",
                          (r["supply_chain_code"] for r in rows))
        records = [
            {"code": r["code"], "name": r["name"],
             "supplier_id": firms[r["supplier_credit_code"]].pk,
             "supply_chain_id": (chains[r["supply_chain_code"]].pk
                                 if r["supply_chain_code"] else None),
             "division_code": r["division_code"], "category": r["category"],
             "specification": _blank(r["specification"]),
             "certificate_no": r["certificate_no"], "valid_from": r["valid_from"],
             "valid_until": r["valid_until"]} for r in rows]
        # ``import_listed`` checks the region of a user; a command's import (a system actor,
        # scope given by the operator) creates the products here, in the same states.
        hook = (getattr(product_services, "import_listed", None)
                if not isinstance(self.actor, str) else None)
        listed_type = getattr(product_services, "ListedProduct", None)
        existing = set(Product.objects.filter(code__in=[r["code"] for r in records])
                       .values_list("code", flat=True))
        if hook is not None and listed_type is not None:
            new = [r for r in records if r["code"] not in existing]
            by_pk = {f.pk: f for f in firms.values()}
            chain_pk = {c.pk: c for c in chains.values()}
            hook(actor=self.actor, rows=[listed_type(
                code=r["code"], name=r["name"], supplier=by_pk[r["supplier_id"]],
                division_code=r["division_code"], category=r["category"],
                certificate_no=r["certificate_no"], valid_from=r["valid_from"],
                valid_until=r["valid_until"], specification=r["specification"],
                supply_chain=chain_pk.get(r["supply_chain_id"])) for r in new])
        now, today = timezone.now(), timezone.localdate()
        self.table("products", Product, ("code",), records, new_defaults=lambda r: {
            "state": LISTED if r["valid_until"] >= today else EXPIRED, "state_since": now,
            "closed": True})
        if hook is not None:  # created by the hook, not by this import's bulk insert
            self.counts["products_new"] = len(records) - len(existing)
            self.counts["products_unchanged"] -= len(records) - len(existing)

    def _batches_and_sales(self) -> None:
        rows = self.rows
        codes = [r["product_code"] for t in ("batches", "sales") for r in rows.get(t, [])]
        products = self.ref("products", Product, "code", codes) if codes else {}
        if rows.get("batches"):
            firms = self._enterprises(r["origin_credit_code"] for r in rows["batches"])
            homes = _households(r["origin_household_id"] for r in rows["batches"])
            self.table("batches", TraceBatch, ("product_id", "batch_no"), [
                {"product_id": products[r["product_code"]].pk, "batch_no": r["batch_no"],
                 "division_code": products[r["product_code"]].division_code,
                 "produced_on": r["produced_on"],
                 "origin_household_id": homes.get(r["origin_household_id"]),
                 "origin_enterprise_id": (firms[r["origin_credit_code"]].pk
                                          if r["origin_credit_code"] else None),
                 "buyer": r["buyer"], "quantity": _quantity(r["quantity"]), "unit": r["unit"]}
                for r in rows["batches"]], by=None)
        if rows.get("sales"):
            self.table("sales", Sale, ("product_id", "year", "channel", "platform"), [
                {"product_id": products[r["product_code"]].pk,
                 "division_code": products[r["product_code"]].division_code,
                 "year": r["year"], "channel": r["channel"], "platform": _blank(r["platform"]),
                 "amount": r["amount"], "quantity": _quantity(r["quantity"])}
                for r in rows["sales"]], by=None)

    def _training(self) -> None:
        rows = self.rows
        codes = [r["programme_code"] for t in ("training_sessions", "beneficiaries")
                 for r in rows.get(t, [])]
        programmes = self.ref("programmes", Programme, "code", codes) if codes else {}
        if rows.get("training_sessions"):
            self.table("training_sessions", TrainingSession, ("code",), [
                {"code": r["code"], "programme_id": programmes[r["programme_code"]].pk,
                 "division_code": programmes[r["programme_code"]].division_code,
                 "held_on": r["held_on"], "topic": r["topic"], "provider": r["provider"],
                 "person_times": r["person_times"], "poor_trainees": r["poor_trainees"],
                 "exited_trainees": r["exited_trainees"]} for r in rows["training_sessions"]])
        if rows.get("beneficiaries"):
            sessions = self.ref("training_sessions", TrainingSession, "code",
                                (r["session_code"] for r in rows["beneficiaries"]))
            homes = _households((r["household_id"] for r in rows["beneficiaries"]),
                                villages=True)
            self.table("beneficiaries", Beneficiary,
                       ("programme_id", "household_id", "member_name", "year", "outcome"), [
                {"programme_id": programmes[r["programme_code"]].pk,
                 "session_id": sessions[r["session_code"]].pk if r["session_code"] else None,
                 "household_id": homes[r["household_id"]][0],
                 "member_name": _blank(r["member_name"]),
                 "division_code": homes[r["household_id"]][1], "year": r["year"],
                 "outcome": r["outcome"], "wage_income": r["wage_income"],
                 "months": r["months"]} for r in rows["beneficiaries"]], by=None)


def _households(ids: Iterable[str | None], *, villages: bool = False) -> dict[str, Any]:
    """Household pk (and village) by household ID."""
    wanted = sorted({i for i in ids if i})
    out: dict[str, Any] = {}
    for i in range(0, len(wanted), CHUNK):
        for hid, pk, village in Household.objects.filter(
                household_id__in=wanted[i:i + CHUNK]).values_list("household_id", "pk",
                                                                  "village_id"):
            out[hid] = (pk, village) if villages else pk
    return out


def import_tables(*, actor: Any, scope: Scope, rows: dict[str, list[dict]],
                  progress=None) -> dict[str, int]:
    """Write the checked ``rows`` of each table (clean values by column) in one transaction;
    one audit record names what changed, per table. Returns the counts."""
    writer = _Writer(actor, rows, progress or (lambda phase, n: None))
    with transaction.atomic():
        writer.write()
        written = {k: v for k, v in writer.counts.items()
                   if v and not k.endswith("_unchanged")}
        if written:
            audit.record(actor=actor, action="ecommerce.import",
                         object_type="ecommerce.dataset", object_id="ecommerce",
                         division_code=scope.prefix.ljust(12, "0") if scope.prefix
                         else NATION_CODE, after={"counts": writer.counts})
    return writer.counts
