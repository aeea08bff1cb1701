"""Rules of the layout that import-linter cannot say (ADR 0003 and ADR 0020).

- The engine knows no table of the product: no Django table name appears in its source.
- Apps use each other only through their public surface (models, choices, access, services,
  datasets, workflows, explain, policy, messages); ``core`` is everybody's platform;
  ``config`` (wiring, the commands that orchestrate every app) and ``dashboards`` (reads
  everything, imported by nobody) are exempt.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

SRC = Path(__file__).resolve().parents[1] / "src"
ENGINE = SRC / "fupin_engine"
PRODUCT = SRC / "fupin"
#: What an app offers the others.
PUBLIC = {"models", "choices", "access", "services", "datasets", "workflows", "explain",
          # the registry as of a year (monitoring.registry.registry_tables), read by the
          # consolidation period (ADR 0050)
          "registry",
          "policy", "messages", "filters"}
EXEMPT_IMPORTERS = {"config", "dashboards"}
PLATFORM = {"core"}


def _python_files(root: Path):
    return [p for p in root.rglob("*.py") if "migrations" not in p.parts]


def test_engine_names_no_product_table():
    tables = {m._meta.db_table for m in apps.get_models()}
    # Tables named like the snapshot relations are the engine's own words, not the product's.
    tables -= {"households", "members", "economy"}
    offenders = []
    for path in [*_python_files(ENGINE), *ENGINE.rglob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(SRC)}: {t}" for t in sorted(tables) if t in text]
    assert not offenders, "the engine names product tables:\n" + "\n".join(offenders)


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def test_apps_use_each_other_only_through_their_public_surface():
    offenders = []
    for path in _python_files(PRODUCT):
        rel = path.relative_to(PRODUCT)
        if len(rel.parts) < 2:
            continue
        importer = rel.parts[0]
        if importer in EXEMPT_IMPORTERS:
            continue
        for module, names in _imports(path):
            parts = module.split(".")
            if parts[0] != "fupin" or len(parts) < 2:
                continue
            target = parts[1]
            if target in {importer, *PLATFORM}:
                continue
            if len(parts) == 2:  # ``from fupin.cases import services``
                bad = [n for n in names if n not in PUBLIC]
            else:
                bad = [] if parts[2] in PUBLIC else [parts[2]]
            offenders += [f"{rel}: fupin.{target}.{b}" for b in bad]
    assert not offenders, "imports past another app's public surface:\n" + "\n".join(offenders)


def test_compulsory_school_age_is_the_packs():
    """The importer's school-age warning and the pack's ``school_dropouts`` count the same ages."""
    from fupin_engine import snapshot
    from fupin_engine.policy.loader import load_pack

    feature = next(f for f in load_pack("cn-national").member_features
                   if f.name == "school_dropouts")
    low, high = snapshot.COMPULSORY_SCHOOL_AGES
    assert f"age BETWEEN {low} AND {high}" in feature.count_where
