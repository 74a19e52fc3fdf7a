"""Web benchmark (not a test): the dashboard and the survey page under 50 concurrent users.

Run from the repository root (PostgreSQL and gunicorn come with ``scripts/test``
and the project's dependencies)::

    .venv/bin/python bench/web.py                 # 50 users, 30 s, 4 workers
    .venv/bin/python bench/web.py --users 50 --seconds 60 --workers 4

It starts a throwaway PostgreSQL cluster (scripts/_postgres.sh), loads the
bundled 2015 example with a representative per municipality, starts the app
with ``jamfor serve --workers N`` (gunicorn) on 127.0.0.1, and lets each of
``--users`` clients log in and then, until time is up, open the group
dashboard or their municipality's survey page (alternately), pausing a random
0.5–1.5 s between pages as a person reading does. Every response is timed;
printed are the number of requests, the rate, p50/p95/p99 per page and the
errors (any status but 200). Target: p95 < 100 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Bänk-lösen-2026"
MEMBERS = ["0125", "0123", "0191", "0163", "0184", "0183", "0114", "0139"]


def _postgres(folder: Path, port: int) -> tuple[str, str]:
    script = (
        f"source {ROOT}/scripts/_system.sh; source {ROOT}/scripts/_postgres.sh; "
        f"JAMFOR_PG_DIR={folder} JAMFOR_PG_PORT={port} start_test_postgres >/dev/null 2>&1; "
        'trap - EXIT; echo "$JAMFOR_TEST_POSTGRES_URL"; echo "$JAMFOR_PG_STOP"'
    )
    out = subprocess.run(
        ["bash", "-c", script], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    return out[0], out[1]


def _prepare(env: dict[str, str]) -> None:
    """Migrate, load the example and create one representative per municipality."""
    code = f"""
import os
from jamfor.web import setup
setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from jamfor.web.example import load_example
load_example()
from django.contrib.auth import get_user_model
from jamfor.web.accounts.models import Profile, Role
User = get_user_model()
for code in {MEMBERS!r}:
    user, _ = User.objects.get_or_create(username="bank-" + code)
    user.set_password({PASSWORD!r}); user.save()
    Profile.objects.update_or_create(user=user, defaults={{"role": Role.REPRESENTATIVE, "kommun": code}})
"""
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def _wait(url: str, seconds: float = 30) -> None:
    end = time.time() + seconds
    while time.time() < end:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"the app did not start at {url}")


LOGIN_TIMEOUT = 300
"""Fifty users logging in at once hash fifty passwords (slow on purpose): not what is measured."""


def _login(client: httpx.Client, username: str) -> None:
    page = client.get("/konto/logga-in/", timeout=LOGIN_TIMEOUT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the login page"
    r = client.post(
        "/konto/logga-in/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": str(client.base_url) + "/konto/logga-in/"},
        timeout=LOGIN_TIMEOUT,
    )
    assert r.status_code == 302, f"login failed for {username}: {r.status_code}"


def _user(
    base: str,
    code: str,
    ready: threading.Barrier,
    seconds: float,
    seed: int,
    times: dict[str, list[float]],
    errors: list[str],
) -> None:
    rng = random.Random(seed)
    pages = {"dashboard": "/resultat/2015/", "enkät": f"/enkat/2015/{code}/sida/intern-samordning/"}
    with httpx.Client(base_url=base, timeout=30, follow_redirects=False) as client:
        _login(client, f"bank-{code}")
        ready.wait()  # everybody logged in (password hashing is not what is measured)
        until = time.time() + seconds
        time.sleep(rng.uniform(0, 1.0))  # users arrive spread over the first second
        turn = rng.randrange(2)
        while time.time() < until:
            name = ("dashboard", "enkät")[turn % 2]
            turn += 1
            start = time.perf_counter()
            try:
                r = client.get(pages[name])
                ok = r.status_code == 200
            except httpx.HTTPError as exc:
                ok, r = False, None
                errors.append(f"{name}: {exc}")
            times[name].append(time.perf_counter() - start)
            if not ok and r is not None:
                errors.append(f"{name}: HTTP {r.status_code}")
            time.sleep(rng.uniform(0.5, 1.5))


def _percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "–"
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49] * 1000:6.1f} ms  p95 {q[94] * 1000:6.1f} ms  p99 {q[98] * 1000:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--pg-port", type=int, default=5451)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="jamfor-bench-web-"))
    folder.chmod(0o755)  # the cluster runs as the postgres user when we are root
    url, stop_pg = _postgres(folder / "pg", args.pg_port)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JAMFOR_DATA_DIR": str(folder / "data"),
        "JAMFOR_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    server = None
    try:
        _prepare(env)
        jamfor = str(Path(sys.executable).with_name("jamfor"))
        server = subprocess.Popen(
            [jamfor, "serve", "--port", str(args.port), "--workers", str(args.workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{args.port}"
        _wait(base + "/konto/logga-in/")
        # each page a few times per worker first, so that no user waits for a cold start
        # (the report is cached per process): every request on a new connection, which
        # any worker may take, where one kept-alive connection would warm a single worker
        with httpx.Client(base_url=base, timeout=120) as warm:
            _login(warm, f"bank-{MEMBERS[0]}")
            for _ in range(args.workers * 4):
                for page in (
                    "/resultat/2015/",
                    f"/enkat/2015/{MEMBERS[0]}/sida/intern-samordning/",
                ):
                    warm.get(page, headers={"Connection": "close"})
        times: dict[str, list[float]] = {"dashboard": [], "enkät": []}
        errors: list[str] = []
        ready = threading.Barrier(args.users)
        threads = [
            threading.Thread(
                target=_user,
                args=(base, MEMBERS[i % len(MEMBERS)], ready, args.seconds, i, times, errors),
                daemon=True,
            )
            for i in range(args.users)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = args.seconds
    finally:
        try:
            if server is not None:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:  # a worker stuck in a request
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait(timeout=30)
        finally:
            subprocess.run(["bash", "-c", stop_pg], check=False, capture_output=True)
            shutil.rmtree(folder, ignore_errors=True)

    total = sum(len(v) for v in times.values())
    print(
        f"Maskin: {platform.machine()}, {os.cpu_count()} kärnor, Python {platform.python_version()}; "
        f"PostgreSQL, gunicorn {args.workers} processer × 2 trådar"
    )
    print(
        f"{args.users} samtidiga användare i {elapsed:.0f} s: {total} sidor "
        f"({total / elapsed:.1f} per sekund), {len(errors)} fel"
    )
    for name, values in times.items():
        print(f"  {name:<10} {len(values):>5} sidor  {_percentiles(values)}")
    print(
        f"  {'alla':<10} {total:>5} sidor  {_percentiles([v for vs in times.values() for v in vs])}"
    )
    for e in errors[:10]:
        print("  fel:", e)


if __name__ == "__main__":
    main()
