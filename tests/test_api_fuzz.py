"""The API contract, checked by schemathesis's own engine in process: every check it has
(no 5xx, only documented statuses and content types, responses matching their schemas,
schema-valid requests accepted and schema-invalid ones refused, unsupported methods answered
405, authentication not ignored …) over every operation, as a county officer with a token
and as nobody.

Bounded (a few examples per operation, a fixed seed, the examples and fuzzing phases)
so that it adds well under a minute to a test pass; ``schemathesis run`` against ``fupin serve``
with thousands of cases is the same engine (docs/api.md).
"""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

from fupin.accounts.services import issue_token
from tests import cases_helpers as ch
from tests import factories

#: Examples per operation (positive and negative): bounded for `make test`, which runs this in
#: both database passes; the coverage phase (hundreds of boundary cases per operation) is left
#: to the full run against `fupin serve` (docs/api.md).
EXAMPLES = 2


def contract_failures(base_url: str, headers: dict[str, str], *, examples: int = EXAMPLES,
                      seed: int = 7) -> tuple[int, list[str]]:
    """Run the engine over the whole API with every check; the operations tested and one
    line per distinct failure (operation, check, status, request)."""
    config = SchemathesisConfig.from_dict({
        "seed": seed, "workers": 1, "continue-on-failure": True, "headers": headers,
        "checks": {"enabled": True},
        "generation": {"mode": "all", "max-examples": examples, "database": "none",
                       "no-shrink": True, "deterministic": True},
        "phases": {"examples": {"enabled": True}, "coverage": {"enabled": False},
                   "fuzzing": {"enabled": True}, "stateful": {"enabled": False}},
    })
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json", config=config)
    failures: dict[tuple[str, str, str], str] = {}
    tested: set[str] = set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.NonFatalError):
            failures[(event.label, "error", "")] = str(event.info)[:300]
        if not isinstance(event, events.ScenarioFinished):
            continue
        tested.add(event.recorder.label)
        for nodes in event.recorder.checks.values():
            for node in nodes:
                if node.failure_info is None:
                    continue
                failure = node.failure_info.failure
                sample = node.failure_info.code_sample.strip().splitlines()
                failures.setdefault((event.recorder.label, node.name, failure.title),
                                    f"{str(failure.message)[:300]} | "
                                    f"{sample[-1][:300] if sample else ''}")
    return len(tested), [f"{label} | {check} | {title} | {sample}"
                         for (label, check, title), sample in sorted(failures.items())]


def _seed_data():
    factories.household(household_id="H1")
    actors = ch.Actors()
    with ch.frozen() as traveller:
        ch.to_monitored(actors, traveller)
    return factories.make_user("county_officer", "513431000000")


@pytest.mark.django_db(transaction=True)
def test_api_meets_its_contract_with_a_token_and_without(tree, live_server):
    officer = _seed_data()
    token = issue_token(actor="test", user=officer, name="contract")
    tested, failures = contract_failures(live_server.url, {"Authorization": f"Bearer {token}"})
    assert tested >= 60
    assert not failures, "\n".join(failures)
    tested, failures = contract_failures(live_server.url, {}, examples=1)
    assert tested >= 60
    assert not failures, "\n".join(failures)
