from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.households.messages import message
from fupin.monitoring import policy, services
from fupin.monitoring.policy import default_pack_name
from fupin_engine.executors import get_executor
from fupin_engine.policy.loader import PolicyError
from fupin_engine.run import provinces_present, run_to_file
from fupin_engine.snapshot_check import SnapshotInvalid, check_snapshot
from fupin_engine.source import SnapshotSource


def parse_params(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        if "=" not in item:
            raise CommandError(f"--param takes name=value, not {item!r}")
        k, v = item.split("=", 1)
        try:
            out[k.strip()] = float(v)
        except ValueError as exc:
            raise CommandError(f"--param {k}: {v!r} is not a number") from exc
    return out


class Command(BaseCommand):
    help = ("Run the monitoring engine. With --snapshot PATH: over a snapshot folder, writing "
            "--out FILE (.csv or .parquet). Without: over the registry, storing a run (or "
            "reporting that nothing changed). --what-if compares parameters without storing.")

    def add_arguments(self, parser):
        parser.add_argument("--snapshot", type=str, help="a snapshot v1 folder (CSV/Parquet)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--policy", default=default_pack_name(),
                            help="name or YAML file (default: FUPIN_POLICY_PACK)")
        parser.add_argument("--province", default=None, help="2-digit province code")
        parser.add_argument("--param", action="append", default=[], help="name=value")
        parser.add_argument("--engine", choices=["duckdb", "postgres", "spark"],
                            default="duckdb")
        # str, not Path: a Spark run may write to a URI (hdfs://…), which Path would mangle.
        parser.add_argument("--out", type=str,
                            help="output file (.csv or .parquet); Spark: also a URI")
        parser.add_argument("--division", default="", help="registry runs: only this division")
        parser.add_argument("--what-if", action="store_true")

    def handle(self, *args, **opts):
        params = parse_params(opts["param"])
        try:
            if opts["what_if"]:
                return self._what_if(opts, params)
            if opts["snapshot"]:
                return self._snapshot(opts, params)
            return self._registry(opts, params)
        except SnapshotInvalid as exc:
            raise CommandError("\n".join(
                _("{file}, row {row}: {error}").format(
                    file=p.file, row=p.row,
                    error=f"{p.column}: {message(p.code, p.params)}"
                          + (f" ({p.value})" if p.value else ""))
                for p in exc.problems)) from exc
        except (PolicyError, ValidationFailed, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc

    def _snapshot(self, opts, params):
        if not opts["out"]:
            raise CommandError("--out FILE is required with --snapshot")
        if not str(opts["out"]).endswith((".csv", ".parquet")):
            raise CommandError("--out must end in .csv or .parquet")
        source = SnapshotSource.at(opts["snapshot"])
        self._check(source)
        options = {}
        if opts["engine"] == "postgres":
            options["dsn"] = services.postgres_dsn()
        with tqdm(total=3, desc="monitor", disable=None, file=sys.stderr) as bar:
            executor = get_executor(opts["engine"], source, **options)
            bar.update(1)
            try:
                # Without --province, each household with its own province's parameters.
                present = None if opts["province"] else provinces_present(executor)
                result = run_to_file(opts["policy"], executor, opts["year"], opts["out"],
                                     province=opts["province"], overrides=params,
                                     provinces=present)
            finally:
                executor.close()
            bar.update(2)
        self._summary(result.counts)
        self._lines(result.plan.params, result.plan.lines)
        self.stdout.write(f"wrote {result.households} households to {opts['out']} "
                          f"({opts['engine']}, {result.timings['execute']:.2f} s)")

    def _registry(self, opts, params):
        outcome = services.run_monitoring(
            actor="system:cli", year=opts["year"], policy=opts["policy"],
            province=opts["province"], overrides=params, engine=opts["engine"],
            scope=self._scope(opts))
        mrun = outcome.run
        if not outcome.created:
            self.stdout.write(f"unchanged since run {mrun.pk}: nothing stored")
        else:
            self._summary(mrun.counts)
            self._lines(mrun.parameters, mrun.province_parameters)
            self.stdout.write(self.style.SUCCESS(
                f"run {outcome.run.pk} stored: {outcome.run.flagged} households flagged"))

    @staticmethod
    def _check(source: SnapshotSource) -> None:
        """The import's column rules over files the import never saw: an empty guarantee
        cell would otherwise pass its rule silently. Remote folders (hdfs://, s3a://) are
        read by Spark only and are not checked here (docs/operations.md)."""
        if "://" not in source.root:
            check_snapshot(source)

    def _what_if(self, opts, params):
        if opts["snapshot"]:
            self._check(SnapshotSource.at(opts["snapshot"]))
        rows = services.what_if(year=opts["year"], policy=opts["policy"],
                                province=opts["province"], overrides=params,
                                scope=self._scope(opts), snapshot=opts["snapshot"])
        self.stdout.write(f"{'division':<14}{'category':<18}{'current':>9}{'what-if':>9}"
                          f"{'change':>8}{'enter':>7}{'leave':>7}")
        for r in rows:
            self.stdout.write(f"{r['division']:<14}{r['category']:<18}{r['current']:>9}"
                              f"{r['what_if']:>9}{r['what_if'] - r['current']:>+8}"
                              f"{r['entered']:>7}{r['left']:>7}")

    @staticmethod
    def _scope(opts) -> Scope:
        """The division asked for, or the whole nation when none was named: an operator's
        command line sees everything, and says so explicitly."""
        code = (opts["division"] or "").strip()
        return services.scope_of_division(code) if code else Scope.nation()

    def _lines(self, shared, by_province):
        """Which parameters the run applied, per province (national values: said so)."""
        if not by_province:
            self.stdout.write("parameters: national values")
            return
        self.stdout.write("parameters by province:")
        for text in services.describe_lines(shared, by_province):
            self.stdout.write(f"  {text}")

    def _summary(self, counts):
        cats = policy.categories()
        self.stdout.write(f"{'division':<10}" + "".join(f"{c:>17}" for c in cats))
        for county, c in counts.items():
            self.stdout.write(f"{county:<10}" + "".join(f"{c.get(k, 0):>17}" for k in cats))
