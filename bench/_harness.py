"""Shared bench tools: run the project under gunicorn on loopback and measure requests/s.

The load generator is a bounded pool of Python threads, each doing blocking HTTP requests on
loopback for a fixed time (wrk is not assumed). Absolute figures depend on the machine (and on
the load generator sharing its cores), so scripts print *ratios* against a baseline view served
by the same gunicorn.
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "bench._site.settings"
MINIMAL_PATH = "/_bench/minimal/"


def bench_env(**extra) -> dict:
    """The environment of the bench: the caller's, without DEBUG, bench URLconf, a bench DB."""
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_DEBUG="false",
        LEERKRING_REQUIRE_STAFF_MFA=env.get("LEERKRING_REQUIRE_STAFF_MFA", "true"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(*args, env=None) -> None:
    (ROOT / "var" / "static").mkdir(parents=True, exist_ok=True)  # whitenoise warns without it
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env or bench_env(), check=True
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(*, workers: int = 2, env=None):
    """Serve the project (bench URLconf) on a free loopback port; yields the base URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--backlog",
        "512",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env or bench_env())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}")
            try:
                urllib.request.urlopen(base + MINIMAL_PATH, timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not answer within 60s") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Result:
    path: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def line(self, label: str) -> str:
        return (
            f"{label:<14} {self.path:<18} {self.rps:8.1f} req/s   "
            f"p50 {statistics.median(self.latencies_ms or [0]):6.1f} ms   "
            f"p95 {self.percentile(0.95):6.1f} ms   errors {self.errors}"
        )


def load(base: str, path: str, *, seconds: float, concurrency: int) -> Result:
    """Hit ``base + path`` from ``concurrency`` threads for ``seconds``; count 200 responses."""
    host, port = base.removeprefix("http://").split(":")
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    latencies, counts = [], {"ok": 0, "errors": 0}

    def worker():
        mine, ok, errors = [], 0, 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
                connection.request("GET", path, headers={"Accept-Language": "nl"})
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status == 200:
                    ok += 1
                    mine.append((time.perf_counter() - started) * 1000)
                else:
                    errors += 1
            except OSError:
                errors += 1
        with lock:
            latencies.extend(mine)
            counts["ok"] += ok
            counts["errors"] += errors

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return Result(path, counts["ok"], counts["errors"], elapsed, latencies)
