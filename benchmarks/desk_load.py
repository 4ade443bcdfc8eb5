"""Twenty agents working at once against PostgreSQL for 60 seconds, through the real server.

Builds a PostgreSQL database (humanly_load on 127.0.0.1, trust auth as user postgres) with 2,000
conversations and 8,000 messages through the desk's own actions, starts ``humanly serve`` on it (waitress), and runs 20 agents in
parallel threads, each signed in with its own session: open the inbox, open a conversation of its team,
reply to it, search, over and over. Prints the requests made, the errors (any status other than 200 or
the redirect after a reply) and p50/p95 per kind of request.

Usage: python benchmarks/desk_load.py [--seconds 60] [--agents 20]
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

SECONDS = int(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 60
AGENTS = int(sys.argv[sys.argv.index("--agents") + 1]) if "--agents" in sys.argv else 20
PORT = 8799
PASSWORD = "a-long-password-1"
ROOT = Path(__file__).resolve().parents[1]
TMP = Path(tempfile.mkdtemp(prefix="humanly-load-"))
ENV = os.environ | {
    "HUMANLY_DEBUG": "true",  # served over plain HTTP on 127.0.0.1, with no HTTPS proxy in front
    "HUMANLY_DATA_DIR": str(TMP),
    "HUMANLY_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/humanly_load",
    "DJANGO_SETTINGS_MODULE": "humanly.desk.settings",
}


def build() -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS humanly_load")
        c.execute("CREATE DATABASE humanly_load")
    code = f"""
import django, random
django.setup()
from django.core.management import call_command
from humanly.people.models import Agent, Team
from humanly.conversations.actions import do_receive
call_command("migrate", verbosity=0)
teams = [Team.objects.create(name=f"Team {{i}}", slug=f"team-{{i}}") for i in range(4)]
for i in range({AGENTS}):
    a = Agent.objects.create_user(f"agent{{i}}", password="{PASSWORD}")
    a.teams.add(teams[i % 4])
rng = random.Random(3)
lines = ["Where is my order?", "I was charged twice.", "Can I move to the next cohort?", "My login expired."]
for i in range(2000):
    m = do_receive(teams[i % 4], identity=("email", f"c{{i % 2500}}@example.com"), name=f"Customer {{i % 2500}}",
                   subject=f"Subject {{i}}", text=rng.choice(lines))
    for j in range(3):
        do_receive(teams[i % 4], identity=("email", f"c{{i % 2500}}@example.com"), text=rng.choice(lines), conversation=m.conversation)
"""
    env = ENV | {"HUMANLY_BROKER_URL": ""}
    # Readings are not needed for the load: the copilot's task is not dispatched while building.
    code = code.replace(
        "django.setup()",
        "django.setup()\nimport humanly.workers.tasks as t\nt._dispatch = lambda name, payload: None",
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


class Agent:
    def __init__(self, n: int) -> None:
        self.n = n
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": f"http://127.0.0.1:{PORT}/"}
        if data is not None:
            token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
            headers["X-CSRFToken"] = token or ""
        req = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    def sign_in(self) -> None:
        self.request("/signin")
        status, _ = self.request("/signin", {"username": f"agent{self.n}", "password": PASSWORD})
        assert status == 302, status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def work(
    agent: Agent, until: float, times: dict[str, list[float]], errors: list[str], lock: threading.Lock
) -> None:
    rng = random.Random(agent.n)
    while time.time() < until:
        t0 = time.perf_counter()
        status, page = agent.request("/")
        step = [("inbox", status, 200, time.perf_counter() - t0)]
        ids = re.findall(r'href="/conversations/(\d+)"', page)
        if ids:
            cid = rng.choice(ids)
            t0 = time.perf_counter()
            status, _ = agent.request(f"/conversations/{cid}")
            step.append(("conversation", status, 200, time.perf_counter() - t0))
            t0 = time.perf_counter()
            status, _ = agent.request(
                f"/conversations/{cid}/reply", {"text": "Thanks, looking into it now.", "kind": "reply"}
            )
            step.append(("reply", status, 302, time.perf_counter() - t0))
        t0 = time.perf_counter()
        status, _ = agent.request(f"/?status=&q=c{rng.randrange(2500)}%40")
        step.append(("search", status, 200, time.perf_counter() - t0))
        with lock:
            for kind, got, want, took in step:
                times[kind].append(took * 1000)
                if got != want:
                    errors.append(f"{kind}: HTTP {got}")


def main() -> None:
    t0 = time.time()
    build()
    print(f"built 2,000 conversations and 8,000 messages in {time.time() - t0:.0f} s")
    server = subprocess.Popen(
        [sys.executable, "-m", "humanly.cli", "serve", "--port", str(PORT), "--threads", "16"],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        agents = [Agent(n) for n in range(AGENTS)]
        for agent in agents:
            agent.sign_in()
        times: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        until = time.time() + SECONDS
        threads = [threading.Thread(target=work, args=(a, until, times, errors, lock)) for a in agents]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = sum(len(v) for v in times.values())
        print(
            f"{AGENTS} agents for {SECONDS} s: {total} requests ({total / SECONDS:.1f}/s), {len(errors)} errors"
        )
        for kind, values in sorted(times.items()):
            values.sort()
            print(
                f"  {kind:<13} {len(values):>5} requests  p50 {statistics.median(values):6.1f} ms  "
                f"p95 {values[round(0.95 * (len(values) - 1))]:6.1f} ms"
            )
        for problem in sorted(set(errors))[:10]:
            print("  error:", problem)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
