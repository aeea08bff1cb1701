"""One page of fupin, profiled: its queries (count, slowest) and where the Python time goes.

    DATABASE_URL=… FUPIN_DATA_KEY=… .venv/bin/python bench/load/profile_page.py \\
        --user load_county /households/ [--repeat 5] [--top 25]

Run after ``bench/load.py`` (which creates the ``load_*`` accounts). Through the full Django
stack (the test client: middleware, session, templates); cProfile, sorted by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--user", default="load_county")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fupin.accounts.models import User

    settings.ALLOWED_HOSTS = ["*"]
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(User.objects.get(username=args.user))
    client.get(args.path)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        answer = client.get(args.path)
        elapsed = (time.perf_counter() - start) * 1000
    print(f"{args.path}: {answer.status_code}, {elapsed:.1f} ms, {len(queries)} queries")
    for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:8]:
        print(f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:220]}")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeat):
        client.get(args.path)
    profile.disable()
    order = os.environ.get("FUPIN_PROFILE_SORT", "cumulative")
    pstats.Stats(profile).sort_stats(order).print_stats(args.top)


if __name__ == "__main__":
    main()
