"""A private stack for one drill: its own PostgreSQL cluster and Redis on free loopback ports
under a temporary directory, and gunicorn, a Celery worker and beat (``bin/stack``) on them.

Nothing here touches the shared PostgreSQL (5432) or Redis (6379): a drill may stop, restart and
kill what it started, and ``Stack.close`` (always called, also on Ctrl-C or SIGTERM) removes it
all. PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres`` user.
"""

import fcntl
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PYTHON = os.environ.get("DRILL_PYTHON", sys.executable)


class DrillFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def say(text: str) -> None:
    print(f"[drill] {text}", flush=True)


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


CACHE = ROOT / "var" / "drill-cache"


def _chown_postgres(path: Path) -> None:
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(path, owner.pw_uid, owner.pw_gid)


def _migrations_digest() -> str:
    digest = hashlib.sha256((ROOT / "uv.lock").read_bytes())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _build(target: Path, make) -> None:
    """Build a cluster into ``target`` with ``make(builder)`` (a Stack whose PostgreSQL runs)."""
    builder = Stack("template")
    try:
        _chown_postgres(builder.dir)
        make(builder)
        builder.pg_ctl("stop")
        shutil.move(builder.dir / "pg", target)
    finally:
        builder.pg_ctl_quiet_stop()
        shutil.rmtree(builder.dir, ignore_errors=True)


def _manage_eager(builder: "Stack", *args: str) -> None:
    env = {**builder.env, "CELERY_TASK_ALWAYS_EAGER": "true", "REDIS_URL": ""}
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def template_cluster(*, demo: bool = False) -> Path:
    """A stopped PostgreSQL cluster with the ``leerkring`` database migrated (and with ``demo``,
    the demo data loaded), cached in ``var/drill-cache/`` per set of migrations (the demo one per
    day too: its sessions are dated from today). Migrating and loading the demo take minutes on
    a busy machine, a copy of the cluster a second. Built under a lock: parallel drills build it
    once."""
    CACHE.mkdir(parents=True, exist_ok=True)
    digest = _migrations_digest()
    migrated = CACHE / f"pg-{digest}"
    if demo:
        source = template_cluster()
        target = CACHE / f"pg-{digest}-demo-{time.strftime('%Y%m%d')}"
    else:
        target = migrated
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists():
            return target
        for old in CACHE.glob("pg-*"):
            if old != migrated and (not demo or "-demo-" in old.name):
                shutil.rmtree(old, ignore_errors=True)
        if demo:
            say("building the demo template cluster (once a day)")

            def make(builder):
                subprocess.run(["cp", "-a", str(source), str(builder.dir / "pg")], check=True)
                builder.pg_ctl("start")
                _manage_eager(builder, "load_demo")
        else:
            say("building the migrated template cluster (once per set of migrations)")

            def make(builder):
                subprocess.run(
                    _as_postgres(
                        [str(PG_BIN / "initdb"), "-D", str(builder.dir / "pg"), "-A", "trust",
                         "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
                    ),
                    check=True, stdout=subprocess.DEVNULL,
                )  # fmt: skip
                builder.pg_ctl("start")
                builder.psql("postgres", "CREATE DATABASE leerkring")
                _manage_eager(builder, "migrate", "--noinput")

        _build(target, make)
        return target


class Stack:
    def __init__(self, name: str, *, env: dict | None = None, demo: bool = False):
        self.name = name
        self.demo = demo
        self.dir = Path(tempfile.mkdtemp(prefix=f"lkdrill-{name}-"))
        self.pg_port, self.redis_port, self.web_port = free_port(), free_port(), free_port()
        self.mailbox = self.dir / "mail"
        self.mailbox.mkdir()
        self.stack_dir = self.dir / "stack"
        self.redis_process: subprocess.Popen | None = None
        self.extra: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/leerkring",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CACHE_REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/1",
            "EMAIL_URL": f"filemail:///{self.mailbox}",
            "STACK_DIR": str(self.stack_dir),
            "PORT": str(self.web_port),
            "DJANGO_ENV": "development",
            "DJANGO_DEBUG": "false",
            "LOG_FORMAT": "json",
            "MEDIA_ROOT": str(self.dir / "media"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "STACK_NO_MIGRATE": "1",
            **(env or {}),
        }
        self.url = f"http://127.0.0.1:{self.web_port}"

    # --- services ---------------------------------------------------------------------------
    def start_postgres(self) -> None:
        """A copy of the migrated template cluster (made once per set of migrations), started."""
        _chown_postgres(self.dir)
        source = template_cluster(demo=self.demo)
        subprocess.run(["cp", "-a", str(source), str(self.dir / "pg")], check=True)
        self.pg_ctl("start")

    def pg_ctl(self, action: str, mode: str = "fast") -> None:
        options = (
            f"-p {self.pg_port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=200"
        )
        command = [str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "pg"), "-w", "-t", "60"]
        if action == "start":
            command += ["-o", options, "-l", str(self.dir / "postgres.log"), "start"]
        else:
            command += ["-m", mode, action]
        subprocess.run(_as_postgres(command), check=True, stdout=subprocess.DEVNULL)

    def pg_ctl_quiet_stop(self) -> None:
        if (self.dir / "pg" / "postmaster.pid").exists():
            subprocess.run(
                _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "pg"), "-m",
                              "immediate", "stop"]),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip

    def psql(self, database: str, sql: str) -> str:
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d", database,
             "-tAc", sql],
            check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip

    def start_redis(self) -> None:
        self.redis_process = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=open(self.dir / "redis.log", "a"), stderr=subprocess.STDOUT,  # noqa: SIM115
            start_new_session=True,
        )  # fmt: skip
        self.wait_for(lambda: self.redis_cli("ping") == "PONG", 20, "Redis to answer")

    def stop_redis(self) -> None:
        if self.redis_process and self.redis_process.poll() is None:
            self.redis_process.kill()
            self.redis_process.wait()

    def redis_cli(self, *args: str, db: int = 0) -> str:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.redis_port), "-n", str(db), *args],
            capture_output=True, text=True, timeout=10,
        )  # fmt: skip
        return result.stdout.strip()

    # --- the project --------------------------------------------------------------------------
    def stack(self, *args: str) -> None:
        subprocess.run(
            [str(ROOT / "bin" / "stack"), *args], cwd=ROOT, env=self.env, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def pid(self, name: str) -> int:
        return int((self.stack_dir / f"{name}.pid").read_text())

    def log(self, name: str) -> str:
        path = self.stack_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True,
            capture_output=True, text=True,
        ).stdout  # fmt: skip

    def data(self, command: str, **kwargs) -> dict:
        result = subprocess.run(
            [PYTHON, str(ROOT / "bin" / "drills" / "data.py"), command, json.dumps(kwargs)],
            cwd=ROOT, env=self.env, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode:
            raise DrillFailed(f"data.py {command} failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def shell(self, code: str) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=self.env,
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode:
            raise DrillFailed(f"manage.py shell failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def get(self, path: str, timeout: float = 5) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def wait_for(self, predicate, seconds: float, what: str, every: float = 0.2) -> float:
        """Waits until ``predicate()`` is true; answers how many seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            try:
                if predicate():
                    return time.monotonic() - started
            except Exception:  # noqa: S110 - not ready yet
                pass
            time.sleep(every)
        raise DrillFailed(f"waited {seconds:.0f}s for {what}")

    def wait_for_web(self) -> None:
        self.wait_for(
            lambda: self.get("/health/", timeout=60)[0] in (200, 503), 300, "gunicorn to answer", 1
        )

    def mails(self) -> list[str]:
        """The ``X-Leerkring-Key`` of every message in the file mailbox (one file per
        connection; a file may hold several messages)."""
        keys = []
        for path in sorted(self.mailbox.glob("*.log")):
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("X-Leerkring-Key: "):
                    keys.append(line.split(": ", 1)[1].strip())
        return keys

    # --- the whole thing ----------------------------------------------------------------------
    def __enter__(self):
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda *_: sys.exit(130))
        self.start_postgres()
        self.start_redis()
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        for process in self.extra:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        try:
            subprocess.run(
                [str(ROOT / "bin" / "stack"), "stop"], cwd=ROOT, env=self.env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60,
            )  # fmt: skip
        except Exception as error:  # keep tearing down
            say(f"stack stop failed: {error!r}")
        self.stop_redis()
        self.pg_ctl_quiet_stop()
        if os.environ.get("DRILL_KEEP"):
            say(f"kept {self.dir} (DRILL_KEEP)")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)
