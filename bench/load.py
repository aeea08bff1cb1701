"""Web load: locust against ``fupin serve`` on PostgreSQL; p50/p95/p99 per endpoint.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> FUPIN_DATA_KEY=… FUPIN_VAR_DIR=/tmp/v \\
        .venv/bin/python bench/load.py [--users 20] [--time 60] [--wait 1-3] [--quick]

Over the registry already in the database (``fupin import``; cases from ``fupin monitor`` and
``fupin cases sync``). The bench adds three accounts if they are missing — the county officer
of the county with most households, a township officer of its largest township and a village
cadre of that township's largest village — then:

1. starts ``fupin serve --no-worker`` on 127.0.0.1 (its default thread count unless
   ``--threads``);
2. **alone**: one logged-in county officer, no waiting, ``--alone`` requests per list page;
   p50 against the budget (50 ms) and against the same server's 404 page (the framework's
   floor: session, user, middleware, template; measured in the same run);
3. **load**: locust, headless, ``--users`` simulated users (roles 2:1:1), each logging in
   through the real login form (CSRF included) and waiting ``--wait`` seconds between
   requests (``0``: none), for ``--time`` seconds; p50/p95/p99 per endpoint against the
   budget p95 ≤ 300 ms.

locust is the ``bench`` extra (``pip install -e .[bench]``); ``--locust PATH`` names another
installation. Nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")

PASSWORD = "load-bench-Pw-2026"
ACCOUNTS = {"county": ("load_county", "county_officer"),
            "township": ("load_township", "township_reviewer"),
            "village": ("load_village", "village_cadre")}
BUDGET_P95_MS = 300
BUDGET_ALONE_MS = 50
LIST_PAGES = {"household list": "/households/", "household search": "/households/?q={q}",
              "case inbox": "/inbox/", "dashboard": "/dashboard/"}


def prepare(seed: int = 7) -> dict:
    """The accounts (created when missing) and, per role, households and search words."""
    from django.core.management import call_command
    from django.db.models import Count
    from django.db.models.functions import Substr

    from fupin.accounts.models import User
    from fupin.households.models import Household

    top = (Household.objects.values("village_id").annotate(n=Count("id")).order_by("-n")
           .values_list("village_id", "n"))
    counties: dict[str, int] = {}
    for code, n in (Household.objects.annotate(c=Substr("village_id", 1, 6)).values("c")
                    .annotate(n=Count("id")).values_list("c", "n")):
        counties[code] = n
    if not counties:
        raise SystemExit("the registry is empty: fupin import a county first")
    county = max(counties, key=counties.get)
    townships = (Household.objects.filter(village__code__startswith=county)
                 .annotate(t=Substr("village_id", 1, 9)).values("t").annotate(n=Count("id"))
                 .order_by("-n", "t").values_list("t", flat=True))
    township = townships[0]
    village = top.filter(village__code__startswith=township)[0][0]
    divisions = {"county": county.ljust(12, "0"), "township": township.ljust(12, "0"),
                 "village": village}
    rng = random.Random(seed)
    plan = {}
    os.environ["FUPIN_PASSWORD"] = PASSWORD
    for role, (username, django_role) in ACCOUNTS.items():
        if not User.objects.filter(username=username).exists():
            call_command("createuser", username, role=django_role,
                         division=divisions[role], verbosity=0)
        prefix = {"county": county, "township": township, "village": village}[role]
        mine = Household.objects.filter(village__code__startswith=prefix)
        ids = list(mine.order_by("?").values_list("household_id", "head_name", "village__name")
                   [:300])
        rng.shuffle(ids)
        searches = sorted({h[1][:1] for h in ids[:20] if h[1]} | {h[2] for h in ids[:5]}
                          | {h[0] for h in ids[:5]})
        plan[role] = {"username": username, "password": PASSWORD,
                      "households": [h[0] for h in ids], "searches": searches,
                      "division": divisions[role]}
    return plan


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, threads: int | None) -> subprocess.Popen:
    argv = [sys.executable, "-m", "fupin.cli", "serve", "--no-worker", "--host", "127.0.0.1",
            "--port", str(port)]
    if threads:
        argv += ["--threads", str(threads)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"fupin serve exited ({server.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("fupin serve did not start within 300 s")


def login(base: str, account: dict):
    import requests

    session = requests.Session()
    session.headers["Accept-Language"] = "zh-hans"
    session.get(f"{base}/login/")
    answer = session.post(f"{base}/login/", allow_redirects=False, headers={
        "Referer": f"{base}/login/"}, data={
        "username": account["username"], "password": account["password"],
        "csrfmiddlewaretoken": session.cookies["csrftoken"], "next": ""})
    if answer.status_code != 302:
        raise SystemExit(f"login as {account['username']} answered {answer.status_code}")
    return session


def alone(base: str, plan: dict, repeat: int) -> dict[str, list[float]]:
    """One county officer, no waiting: ``repeat`` timed requests per page (after two)."""
    session = login(base, plan["county"])
    pages = {"404 page (floor)": "/no-such-page/", **LIST_PAGES}
    words = plan["county"]["searches"]
    out = {}
    for name, path in pages.items():
        times = []
        for i in range(repeat + 2):
            url = base + path.format(q=words[i % len(words)])
            start = time.perf_counter()
            answer = session.get(url, allow_redirects=False)
            elapsed = (time.perf_counter() - start) * 1000
            expected = 404 if name.startswith("404") else 200
            if answer.status_code != expected:
                raise SystemExit(f"{url} answered {answer.status_code}")
            if i >= 2:
                times.append(elapsed)
        out[name] = times
    return out


def run_locust(locust: str, base: str, plan_file: Path, args, out: Path) -> list[dict]:
    env = {**os.environ, "FUPIN_LOAD_PLAN": str(plan_file), "FUPIN_LOAD_WAIT": args.wait}
    argv = [locust, "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless",
            "--users", str(args.users), "--spawn-rate", str(max(1, args.users // 2)),
            "--run-time", f"{args.time}s", "--host", base, "--csv", str(out / "load"),
            "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"]
    subprocess.run(argv, env=env, check=False, stdout=subprocess.DEVNULL)
    with open(out / "load_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def percentile(ms: list[float], q: float) -> float:
    ms = sorted(ms)
    return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--time", type=int, default=60, help="seconds of load")
    parser.add_argument("--wait", default="1-3", help="seconds between requests, or 0")
    parser.add_argument("--alone", type=int, default=30, help="requests per page alone")
    parser.add_argument("--threads", type=int, help="fupin serve --threads (default: its own)")
    parser.add_argument("--locust", default=shutil.which("locust")
                        or str(ROOT / ".venv-load" / "bin" / "locust"))
    parser.add_argument("--quick", action="store_true", help="5 users, 15 s, 10 alone")
    args = parser.parse_args()
    if args.quick:
        args.users, args.time, args.alone = 5, 15, 10

    import django

    django.setup()
    from django.db import connection

    from fupin.households.models import Household

    plan = prepare()
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum keeps them in production (this machine runs
        # PostgreSQL with autovacuum off: without them every plan assumes empty tables).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    households = Household.objects.count()
    vendor = connection.vendor
    connection.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, args.threads)
    try:
        with tempfile.TemporaryDirectory(prefix="fupin-load-") as tmp:
            plan_file = Path(tmp) / "plan.json"
            plan_file.write_text(json.dumps(plan), encoding="utf-8")
            single = alone(base, plan, args.alone)
            stats = run_locust(args.locust, base, plan_file, args, Path(tmp))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"database: {vendor}; households: {households:,}; county {plan['county']['division']}"
          f"; threads: {args.threads or 'serve default'}; cores: {os.cpu_count()}")
    floor = statistics.median(single["404 page (floor)"])
    print(f"\nalone (one county officer, no waiting, {args.alone} requests each)")
    print(f"{'page':<20}{'p50 ms':>9}{'p95 ms':>9}{'× floor':>9}{'× budget':>10}")
    for name, ms in single.items():
        p50 = statistics.median(ms)
        print(f"{name:<20}{p50:>9.1f}{percentile(ms, 0.95):>9.1f}{p50 / floor:>9.1f}"
              f"{p50 / BUDGET_ALONE_MS:>10.2f}")
    print(f"\nload: {args.users} users, wait {args.wait} s, {args.time} s "
          f"(budget p95 ≤ {BUDGET_P95_MS} ms; × budget ≤ 1 meets it)")
    print(f"{'endpoint':<20}{'requests':>9}{'fails':>7}{'req/s':>7}{'p50':>7}{'p95':>7}"
          f"{'p99':>7}{'× budget':>10}")
    for row in stats:
        p95 = float(row["95%"] or 0)
        print(f"{row['Name']:<20}{row['Request Count']:>9}{row['Failure Count']:>7}"
              f"{float(row['Requests/s']):>7.1f}{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
              f"{p95 / BUDGET_P95_MS:>10.2f}")


if __name__ == "__main__":
    main()
