from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from fupin_engine.policy.loader import PolicyError, load_pack, resolve_parameters
from fupin_engine.policy.schema import BASES
from fupin_engine.sql.validate import check_pack


class Command(BaseCommand):
    help = ("Policy packs. `check FILE` reports every problem with the rule and the position "
            "in its expression; `show NAME [--year Y] [--province CODE]` prints the resolved "
            "pack.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "show"])
        parser.add_argument("pack", help="a built-in name (cn-national) or a YAML file")
        parser.add_argument("--year", type=int)
        parser.add_argument("--province", default=None, help="2-digit province code")
        parser.add_argument("--format", choices=["json", "text"], default="json",
                            help="show: the whole pack as JSON (default), or the parameters "
                                 "with their values and basis as text")

    def handle(self, *args, **opts):
        try:
            pack = load_pack(opts["pack"])
        except PolicyError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(exc.problems)} problem(s)", returncode=1) from exc
        problems = check_pack(pack)
        if opts["action"] == "check":
            for p in problems:
                self.stderr.write(str(p))
            if problems:
                raise CommandError(f"{pack.name}: {len(problems)} problem(s)", returncode=1)
            self.stdout.write(self.style.SUCCESS(
                f"{pack.name} {pack.version}: {len(pack.rules)} rules, "
                f"{len(pack.categories)} categories, years {pack.years}: no problems"))
            return
        data = pack.model_dump(mode="json")
        resolved: dict = {}
        if opts["year"]:
            try:
                resolved = resolve_parameters(pack, opts["year"], opts["province"])
            except PolicyError as exc:
                raise CommandError(str(exc)) from exc
            # Which values are national facts, local examples, the pack's choices or
            # unverified defaults (BASES), per parameter as resolved for this year/province.
            data["resolved"] = {"year": opts["year"], "province": opts["province"],
                                "parameters": resolved,
                                "basis": {name: param.basis_for(opts["year"], opts["province"])
                                          for name, param in pack.parameters.items()}}
        if opts["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{pack.name} {pack.version}: {pack.title.zh} / {pack.title.en}")
        self.stdout.write(f"basis: {', '.join(BASES)}")
        for name, param in pack.parameters.items():
            if opts["year"]:
                value = resolved[name]
                self.stdout.write(f"{name:<20} {value:>12g}  "
                                  f"{param.basis_for(opts['year'], opts['province'])}")
                continue
            values = [f"default {param.default:g} ({param.basis})"] \
                if param.default is not None else []
            values += [f"{y}: {v:g} ({param.year_basis.get(y, param.basis)})"
                       for y, v in param.years.items()]
            values += [f"province {p} {y}: {v:g} ({param.province_basis.get(p, 'local')})"
                       for p, by_year in param.provinces.items() for y, v in by_year.items()]
            self.stdout.write(f"{name:<20} {'; '.join(values)}")
