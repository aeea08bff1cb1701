from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from fupin_engine.policy.loader import PolicyError, load_pack, resolve_parameters
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
        if opts["year"]:
            try:
                data["resolved"] = {"year": opts["year"], "province": opts["province"],
                                    "parameters": resolve_parameters(pack, opts["year"],
                                                                     opts["province"])}
            except PolicyError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
