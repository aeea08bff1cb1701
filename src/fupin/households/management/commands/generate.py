from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fupin.core.errors import ValidationFailed
from fupin.core.exchange import FORMATS
from fupin.households.exporter import write_generated
from fupin.regions.services import village_codes
from fupin_engine import snapshot
from fupin_engine.generate import generate
from fupin_engine.policy.lines import monitoring_line


def parse_years(text: str) -> list[int]:
    if "-" in text:
        a, b = text.split("-", 1)
        return list(range(int(a), int(b) + 1))
    return [int(y) for y in text.split(",")]


class Command(BaseCommand):
    help = ("Generate a realistic synthetic county (real village codes, valid ID numbers, "
            "log-normal incomes, ventures and shocks). The same seed gives the same data.")

    def add_arguments(self, parser):
        parser.add_argument("--county", required=True, help="county code, e.g. 513431")
        parser.add_argument("--households", type=int, required=True)
        parser.add_argument("--years", default="2019-2021", help="e.g. 2019-2021 or 2020,2021")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", type=Path, required=True,
                            help="a folder (CSV/Parquet) or a file ending in .xlsx")
        parser.add_argument("--format", choices=FORMATS, default=None,
                            help="default: xlsx for .xlsx paths, else csv")

    def handle(self, *args, **opts):
        fmt = opts["format"] or ("xlsx" if opts["out"].suffix.lower() == ".xlsx" else "csv")
        try:
            villages = village_codes(opts["county"].ljust(12, "0"))
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        years = parse_years(opts["years"])
        snap = generate(county_code=opts["county"].ljust(12, "0"), villages=villages,
                        households=opts["households"], years=years, seed=opts["seed"])
        write_generated(opts["out"], fmt, snap)
        self.stdout.write(summary(snap, years))


def summary(snap, years: list[int]) -> str:
    """Households by status, share below the monitoring line, ventures."""
    status = Counter(h["status"] for h in snap.households)
    size = Counter(m["household_id"] for m in snap.members)
    last = max(years)
    line = monitoring_line(last, settings.FUPIN_POLICY_PACK) or 6000.0
    rows = [e for e in snap.economy if e["year"] == last]
    below = sum(1 for e in rows
                if float(snapshot.net_income({k: _d(v) for k, v in e.items()
                                              if k not in {"household_id", "year"}}))
                / size[e["household_id"]] < line)
    ventures = [e for e in rows if e["ecommerce_revenue"] > 0]
    losing = sum(1 for e in ventures if e["ecommerce_cost"] > e["ecommerce_revenue"])
    in_debt = sum(1 for e in ventures if e["ecommerce_debt"] > 0)
    n = len(snap.households)
    return "\n".join([
        f"generated {n} households, {len(snap.members)} members, "
        f"{len(snap.economy)} economy rows ({years[0]}–{last})",
        "  by status: " + ", ".join(f"{k} {status[k]}" for k in ("poor", "exited", "general")),
        f"  below the monitoring line ({line:.0f} yuan) in {last}: {below} "
        f"({below / max(n, 1):.1%})",
        f"  e-commerce ventures: {len(ventures)} ({len(ventures) / max(n, 1):.1%}); "
        f"losing money {losing}; in debt {in_debt}",
    ])


def _d(value):
    from decimal import Decimal

    return Decimal(str(value))
