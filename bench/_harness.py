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
        deadline = time.monotonic() + 180  # a shared, busy machine boots slowly
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}")
            try:
                urllib.request.urlopen(base + MINIMAL_PATH, timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not answer within 180s") from None
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


def load(
    base: str,
    path: str,
    *,
    seconds: float,
    concurrency: int,
    headers: dict | None = None,
    next_request=None,
    ok_status: int = 200,
) -> Result:
    """Hit ``base + path`` from ``concurrency`` threads for ``seconds``; count ``ok_status``
    responses (200 unless told).

    ``headers`` go with every request (a session cookie: a logged-in visitor). ``next_request``,
    when given, is called (under a lock) before each request and answers ``(method, path, body,
    headers)``: every request can then be another one (a POST by the next of many users).
    """
    host, port = base.removeprefix("http://").split(":")
    next_lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    latencies, counts = [], {"ok": 0, "errors": 0}

    def worker():
        mine, ok, errors = [], 0, 0
        while time.monotonic() < stop_at:
            method, url, body, extra = "GET", path, None, headers or {}
            if next_request is not None:
                with next_lock:
                    method, url, body, extra = next_request()
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
                connection.request(
                    method, url, body=body, headers={"Accept-Language": "nl", **extra}
                )
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status == ok_status:
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


def django_setup(env=None) -> None:
    """Set Django up in the bench process itself, on the bench database (to make data and
    session cookies before gunicorn starts)."""
    os.environ.update(env or bench_env())
    import django

    django.setup()


def login_cookie(user) -> str:
    """A ``Cookie`` header of a logged-in session for ``user``, as the log-in view would make."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def interleaved(base: str, paths: dict, *, seconds: float, concurrency: int) -> dict:
    """requests/s per label: ``paths`` maps a label to ``load`` keyword arguments (``path`` and
    optional ``headers``/``next_request``/``ok_status``). A warm-up second each, then two rounds
    in turn, so drift on a shared machine hits every label alike. Raises on any error."""
    for spec in paths.values():
        load(base, seconds=1, concurrency=concurrency, **spec)
    runs = {label: [] for label in paths}
    for _ in range(2):
        for label, spec in paths.items():
            runs[label].append(load(base, seconds=seconds / 2, concurrency=concurrency, **spec))
    errors = sum(r.errors for rs in runs.values() for r in rs)
    if errors:
        raise RuntimeError(f"{errors} requests failed: figures are not reliable")
    return {
        label: sum(r.requests for r in rs) / sum(r.seconds for r in rs)
        for label, rs in runs.items()
    }


def backend_line(args) -> str:
    env = bench_env()
    backend = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "local memory"
    return (
        f"{backend}, cache {cache}, gunicorn {args.workers} sync workers, "
        f"{args.concurrency} client threads, {args.seconds:g}s per view"
    )
