"""The inbox's first page for a county with 5,000 open cases: p50/p95 against a baseline.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> FUPIN_VAR_DIR=/tmp/var \\
        .venv/bin/python bench/bench_inbox.py [--cases 5000] [--repeat 50]

Creates a throw-away test database (Django's test runner: ``test_<db>``), inserts the cases
set-based (``tests/inbox_data.py``), logs a county approver in and times ``GET /inbox/``
through the full Django stack (middleware, session, templates). The baseline, measured in the
same run on the same data, is a bare ``COUNT(*)`` of the county's open cases — what any page
showing the number must at least pay — and a request for a page of the same site that does
no list work (the 404 page), so the figure is read as "inbox on top of the framework".
Target (issue 11): the first page under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm caches
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{name:<34} p50 {statistics.median(ms):8.1f} ms   p95 {p95:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    # No setup_test_environment(): its instrumented template rendering would be timed too.
    import logging

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import get_runner

    logging.getLogger("django.request").setLevel(logging.ERROR)
    settings.ALLOWED_HOSTS = ["*"]
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from tests import factories
        from tests.inbox_data import bulk_cases

        from fupin.cases.models import Case

        factories.make_tree()
        bulk_cases(args.cases)
        user = factories.make_user("county_approver", "513431000000")
        client = Client()
        client.force_login(user)
        first = client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert first.status_code == 200, first.status_code
        rows = first.content.decode().count('data-workflow="cases.case"')
        print(f"database: {connection.vendor}; open cases: {Case.objects.count():,}; "
              f"rows on the first page: {rows}")

        def count():
            with connection.cursor() as cur:
                cur.execute("SELECT COUNT(*) FROM cases_case WHERE NOT closed AND "
                            "village_code LIKE '513431%%'")
                cur.fetchone()

        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats
            cProfile.runctx("client.get('/inbox/')", globals(), locals(), "/tmp/inbox.prof")
            pstats.Stats("/tmp/inbox.prof").sort_stats("tottime").print_stats(25)  # BENCH_PROFILE=1
        baseline = timed(count, args.repeat)
        empty = timed(lambda: client.get("/no-such-page/"), args.repeat)
        inbox = timed(lambda: client.get("/inbox/"), args.repeat)
        filtered = timed(lambda: client.get("/inbox/", {"overdue": "on", "sort": "village"}),
                         args.repeat)
        print(summary("baseline: bare COUNT(*)", baseline))
        print(summary("baseline: a 404 page (framework)", empty))
        print(summary("inbox, first page", inbox))
        print(summary("inbox, overdue by village", filtered))
        p50 = statistics.median(inbox)
        print(f"first page / COUNT: {p50 / statistics.median(baseline):.0f}x; "
              f"target 300 ms: {'met' if p50 < 300 else 'NOT met'}")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
