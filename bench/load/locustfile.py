"""Web load on ``fupin serve``: household search, household page, case inbox and dashboard,
each simulated user logged in through the real login form (CSRF included) as one of three
roles: the county officer of the county, a township officer, a village cadre.

Run by ``bench/load.py`` (which starts the server, creates the accounts and writes the plan);
by hand::

    FUPIN_LOAD_PLAN=plan.json locust -f bench/load/locustfile.py --headless \\
        -u 20 -r 10 -t 60s --host http://127.0.0.1:8765

The plan (JSON) names per role the username, password, households to open and words to search:
``{"county": {"username": …, "password": …, "households": […], "searches": […]}, …}``.
``FUPIN_LOAD_WAIT`` is "1-3" (seconds between requests, the default) or "0" (no waiting).
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, constant, task

PLAN = json.loads(open(os.environ["FUPIN_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115


def _wait():
    spec = os.environ.get("FUPIN_LOAD_WAIT", "1-3")
    if spec in ("0", ""):
        return constant(0)
    low, _, high = spec.partition("-")
    return between(float(low), float(high or low))


class _Role(HttpUser):
    abstract = True
    wait_time = _wait()
    role = ""

    def on_start(self) -> None:
        self.plan = PLAN[self.role]
        self.client.headers["Accept-Language"] = "zh-hans"
        self.client.get("/login/", name="login form")
        token = self.client.cookies.get("csrftoken")
        with self.client.post("/login/", name="login", allow_redirects=False, catch_response=True,
                              data={"username": self.plan["username"],
                                    "password": self.plan["password"],
                                    "csrfmiddlewaretoken": token, "next": ""},
                              headers={"Referer": f"{self.host}/login/"}) as response:
            if response.status_code != 302:
                response.failure(f"login as {self.plan['username']} answered "
                                 f"{response.status_code}")

    def _get(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True,
                             allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")

    @task(3)
    def household_search(self) -> None:
        self._get(f"/households/?q={random.choice(self.plan['searches'])}", "household search")

    @task(2)
    def household_list(self) -> None:
        page = random.choice((1, 1, 2, 5))
        self._get(f"/households/?page={page}", "household list")

    @task(3)
    def household_page(self) -> None:
        self._get(f"/households/{random.choice(self.plan['households'])}/", "household page")

    @task(2)
    def inbox(self) -> None:
        self._get("/inbox/", "case inbox")

    @task(2)
    def dashboard(self) -> None:
        self._get("/dashboard/", "dashboard")


class CountyOfficer(_Role):
    role = "county"
    weight = 2


class TownshipOfficer(_Role):
    role = "township"
    weight = 1


class VillageCadre(_Role):
    role = "village"
    weight = 1
