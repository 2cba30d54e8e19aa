"""The operations drills: each starts a private stack (harness.Stack), breaks something on
purpose, and checks what the issue promises. Each prints one ``PROVED`` line per claim, or
raises ``DrillFailed`` with what went wrong.

Shortened for the drills (never in production): ``BEAT_INTERVAL_SECONDS`` (every interval job of
beat, the outbox sweep included, runs every few seconds instead of every 1-60 minutes),
``OUTBOX_SWEEP_AFTER_SECONDS`` (the sweep takes rows older than a few seconds instead of 30) and
``OUTBOX_CLAIM_LEASE_SECONDS`` (a dead sender's claim runs out after 15 s instead of 5 minutes).
"""

import contextlib
import json
import os
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from datetime import datetime

from harness import PYTHON, ROOT, DrillFailed, Stack, say
from load import Participant, Tally, run_threads

FAST = {
    "BEAT_INTERVAL_SECONDS": "5",
    "OUTBOX_SWEEP_AFTER_SECONDS": "5",
    "OUTBOX_CLAIM_LEASE_SECONDS": "15",
    "WORKER_CONCURRENCY": "2",
    "WEB_CONCURRENCY": "2",
}


def proved(text: str) -> None:
    print(f"PROVED: {text}", flush=True)


def check(condition: bool, text: str) -> None:
    if not condition:
        raise DrillFailed(text)


def _exactly_once(stack: Stack, prefix: str, expected: int, *, seconds: float) -> float:
    """Waits until ``expected`` outbox rows under ``prefix`` are sent and none is pending; then
    checks the mailbox holds each of them exactly once. Answers the seconds waited."""

    def done():
        counts = stack.data("counts", key_prefix=prefix)
        return counts["outbox"] == {"sent": expected}

    try:
        waited = stack.wait_for(done, seconds, f"{expected} sent rows under {prefix}", every=2)
    except DrillFailed:
        raise DrillFailed(f"not all sent: {stack.data('counts', key_prefix=prefix)}") from None
    mailed = Counter(k for k in stack.mails() if k.startswith(prefix))
    doubled = {k: n for k, n in mailed.items() if n > 1}
    keys = set(stack.data("outbox_keys", key_prefix=prefix)["keys"])
    check(not doubled, f"mailed more than once: {doubled}")
    check(set(mailed) == keys, f"mailbox and outbox differ: {len(mailed)} vs {len(keys)}")
    return waited


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


# --- worker-kill ----------------------------------------------------------------------------
def worker_kill(n: int = 200) -> None:
    with Stack("worker-kill", env=FAST) as stack:
        stack.stack("start")
        stack.wait_for_web()
        session = stack.data("reminder_batch", n=n)["session"]
        say(f"{n} people confirmed in session {session}, 36 h ahead; beat runs the reminders")

        def reminders():
            return sum(k.startswith("courses:reminder:") for k in stack.mails())

        stack.wait_for(lambda: reminders() >= n // 2, 300, f"{n // 2} reminders", 0.02)
        _kill_group(stack.pid("worker"))
        at_kill = reminders()
        in_flight = stack.data("counts", key_prefix="courses:reminder:")
        say(f"worker SIGKILLed at {at_kill}/{n} mails; outbox then: {in_flight['outbox']}")
        check(at_kill < n, "the worker finished before it could be killed: nothing proved")
        stack.stack("start", "worker")
        waited = _exactly_once(stack, "courses:reminder:", n, seconds=180)
        proved(f"worker SIGKILLed at {at_kill}/{n} reminder mails; after a restart all {n} sent")
        proved(f"each of the {n} reminders is in the mailbox exactly once (outbox keys = mails)")
        proved(f"nothing pending or sending after the sweep ({waited:.0f} s after the restart)")
        others = Counter(stack.mails())
        check(max(others.values()) == 1, "another mail of the batch (an invitation) went twice")
        proved(f"no other mail doubled either ({len(others)} mails in all, each key once)")


# --- redis-restart --------------------------------------------------------------------------
def _enrol_load(stack: Stack, users: dict, tally: Tally, stop: threading.Event, pause: float):
    queue = list(enumerate(users["cookies"]))
    lock = threading.Lock()
    sessions = users["sessions"]

    def worker(_index):
        while not stop.is_set():
            with lock:
                if not queue:
                    return
                i, cookie = queue.pop(0)
            person = Participant(
                stack.url, cookie_name=users["cookie_name"], cookie=cookie, tally=tally
            )
            person.journey(sessions[i % len(sessions)], enrol=True, catalogue="/")
            time.sleep(pause)

    return worker


def _enrolled_with_mail(stack: Stack, expected_min: int) -> dict:
    counts = stack.data("counts")
    made = counts["enrolments_by_participant"]
    check(made >= expected_min, f"only {made} enrolments made")
    rows = counts["confirmation_rows"] + counts["waitlisted_rows"]
    check(
        counts["enrolment_audit"] == made == rows,
        f"enrolments {made}, audit rows {counts['enrolment_audit']}, outbox rows {rows}",
    )
    return counts


def _first_task_after(log: str, after: float) -> float | None:
    """The wall-clock time of the worker's first task reception after ``after`` (JSON log)."""
    for line in log.splitlines():
        if not line.startswith("{") or '] received"' not in line:
            continue
        at = datetime.fromisoformat(json.loads(line)["time"]).timestamp()
        if at > after:
            return at
    return None


def redis_restart(people: int = 80, threads: int = 4, down: float = 3.0) -> None:
    with Stack("redis-restart", env=FAST) as stack:
        stack.stack("start")
        stack.wait_for_web()
        users = stack.data("journey_users", n=people, sessions=2)
        tally, stop = Tally(), threading.Event()
        workers = run_threads(threads, _enrol_load(stack, users, tally, stop, 0.05))
        stack.wait_for(lambda: len(stack.mails()) >= 5, 120, "the first confirmation mails")
        stack.stop_redis()
        down_at = time.monotonic()
        say(f"Redis killed after {len(stack.mails())} mails; down for {down:.0f} s under load")
        time.sleep(down)
        stack.start_redis()
        up_at, up_wall = time.monotonic(), time.time()
        say(f"Redis back ({up_at - down_at:.1f} s down)")
        for worker in workers:
            worker.join(timeout=600)
        stop.set()
        during = [r for r in tally.results if down_at <= r[0] <= up_at + 1]
        server_errors = [r for r in tally.results if r[1] >= 500]
        check(not server_errors, f"server errors: {server_errors[:10]}")
        check(during, "no request was made while Redis was down: nothing proved")
        proved(
            f"{len(tally.results)} requests ({len(during)} while Redis was down), statuses "
            f"{dict(sorted(tally.statuses().items()))}: no 500"
        )
        # The load may have ended while Redis was down: then the first task after it comes back
        # is the sweep's (beat, every few seconds here), so wait for it instead of looking once.
        stack.wait_for(
            lambda: _first_task_after(stack.log("worker"), up_wall) is not None,
            max(1.0, up_wall + 60 - time.time()),
            "the worker to receive a task after Redis came back (at most 60 s)",
        )
        back = _first_task_after(stack.log("worker"), up_wall)
        restarts = stack.log("worker").count('"logger": "stack.supervisor"')
        if restarts:
            say(
                f"the worker process ended {restarts}x on the lost connection; "
                "its supervisor started it again"
            )
        proved(f"the worker consumed again {back - up_wall:.0f} s after Redis came back (<= 60 s)")
        counts = _enrolled_with_mail(stack, people)
        made = counts["enrolments_by_participant"]
        waited = _exactly_once(stack, "courses:enrolment_", made, seconds=120)
        proved(f"{made} enrolments, {made} audit entries, {made} outbox rows: none half-written")
        proved(f"all {made} confirmation mails sent exactly once ({waited:.0f} s after the load)")


# --- postgres-restart -----------------------------------------------------------------------
def postgres_restart(people: int = 40, threads: int = 2) -> None:
    env = {**FAST, "DATABASE_CONN_MAX_AGE": "300"}
    with Stack("postgres-restart", env=env) as stack:
        stack.stack("start")
        stack.wait_for_web()
        users = stack.data("journey_users", n=people, sessions=2)
        tally, stop = Tally(), threading.Event()
        workers = run_threads(threads, _enrol_load(stack, users, tally, stop, 0.3))
        stack.wait_for(lambda: len(tally.results) >= 20, 120, "the first requests")
        stack.pg_ctl("stop", mode="fast")
        down_at = time.monotonic()
        health_down = stack.get("/health/")[0]
        time.sleep(2)
        stack.pg_ctl("start")
        up_at = time.monotonic()
        say(f"PostgreSQL stopped (fast) and started again ({up_at - down_at:.1f} s down)")
        for worker in workers:
            worker.join(timeout=600)
        stop.set()
        late = [r for r in tally.results if r[0] > up_at + 5 and not (200 <= r[1] < 400)]
        check(not late, f"errors more than 5 s after PostgreSQL was back: {late[:10]}")
        outage = [r for r in tally.errors() if r[0] <= up_at + 5]
        proved(
            f"{len(tally.results)} requests; {len(outage)} failed during the outage and none "
            "after it: gunicorn recovered on its own (persistent connections, health checks)"
        )
        check(health_down == 503, f"/health/ answered {health_down} with PostgreSQL down")
        code = stack.wait_for(lambda: stack.get("/health/")[0] == 200, 60, "/health/ 200")
        proved(f"/health/ answered 503 while PostgreSQL was down, 200 again {code:.0f} s later")
        counts = _enrolled_with_mail(stack, 1)
        made = counts["enrolments_by_participant"]
        waited = _exactly_once(stack, "courses:enrolment_", made, seconds=120)
        proved(f"{made} enrolments, {made} audit entries, {made} outbox rows: none half-written")
        proved(f"all {made} confirmation mails sent exactly once ({waited:.0f} s after the load)")


# --- two-beats ------------------------------------------------------------------------------
def _received(log: str, task: str) -> int:
    return len(re.findall(rf"Task {re.escape(task)}\[[^\]]+\] received", log))


def two_beats(window: float = 30.0, interval: int = 3) -> None:
    env = {**FAST, "BEAT_INTERVAL_SECONDS": str(interval)}
    with Stack("two-beats", env=env) as stack:
        stack.stack("start")
        stack.wait_for_web()
        stack.wait_for(lambda: "Sending due task" in stack.log("beat"), 90, "the first beat")
        second = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "config.celery_app", "beat", "--loglevel", "INFO",
             "--scheduler", "config.beat:SingleBeatScheduler",
             "--schedule", str(stack.dir / "second-beat-schedule"), "--pidfile", ""],
            cwd=ROOT, env=stack.env, start_new_session=True,
            stdout=open(stack.dir / "second-beat.log", "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
        )  # fmt: skip
        stack.extra.append(second)
        stack.wait_for(
            lambda: "beat: Starting" in (stack.dir / "second-beat.log").read_text(),
            90,
            "the second beat to start",
        )
        task = "notifications.tasks.outbox_sweep"
        before = _received(stack.log("worker"), task)
        time.sleep(window)
        runs = _received(stack.log("worker"), task) - before
        second_log = (stack.dir / "second-beat.log").read_text()
        check(second.poll() is None, "the second beat exited")
        check("Sending due task" not in second_log, "the second beat sent periodic tasks")
        most = int(window / interval) + 2
        check(1 <= runs <= most, f"the sweep ran {runs} times in {window:.0f} s (at most {most})")
        proved(
            f"with a second beat running, the {interval}-second sweep ran {runs} times in "
            f"{window:.0f} s (once per interval, at most {most}); the second beat sent nothing"
        )
        _kill_group(stack.pid("beat"))
        killed = time.monotonic()
        stack.wait_for(
            lambda: "Sending due task" in (stack.dir / "second-beat.log").read_text(),
            120,
            "the standby beat to take over",
            1,
        )
        proved(
            f"the first beat SIGKILLed: the standby took over {time.monotonic() - killed:.0f} s "
            "later (its lock ran out)"
        )


# --- backup-restore -------------------------------------------------------------------------
def backup_restore() -> None:
    with Stack("backup-restore", env={"BEAT_INTERVAL_SECONDS": "5"}, demo=True) as stack:
        media = stack.dir / "media" / "documents"
        media.mkdir(parents=True)
        (media / "handout.txt").write_text("Stappenplan: een upload die terug moet komen.\n")
        before = stack.data("demo_counts")
        backups = stack.dir / "backups"
        old = backups / "leerkring-20200101T000000Z"
        old.mkdir(parents=True)
        os.utime(old, (time.time() - 30 * 86400,) * 2)
        env = {**stack.env, "BACKUP_DIR": str(backups), "BACKUP_KEEP_DAYS": "14"}
        subprocess.run([str(ROOT / "bin" / "backup")], cwd=ROOT, env=env, check=True)
        made = sorted(p.name for p in backups.iterdir())
        check(len(made) == 1 and made[0] != old.name, f"backups after retention: {made}")
        backup = backups / made[0]
        proved(f"bin/backup wrote {made[0]} (custom-format dump, media tar, checksums)")
        proved("retention: a 30-day-old backup was removed, the new one kept (14 days)")

        stack.psql("postgres", "CREATE DATABASE restored")
        restored_url = stack.env["DATABASE_URL"].rsplit("/", 1)[0] + "/restored"
        stack.env.update(DATABASE_URL=restored_url, MEDIA_ROOT=str(stack.dir / "media-restored"))
        subprocess.run(
            [str(ROOT / "bin" / "restore"), str(backup)], cwd=ROOT, env=stack.env, check=True
        )
        refused = subprocess.run(
            [str(ROOT / "bin" / "restore"), str(backup)], cwd=ROOT, env=stack.env,
            capture_output=True, text=True,
        )  # fmt: skip
        check(refused.returncode != 0, "bin/restore overwrote a database that was not empty")
        proved("bin/restore refuses a database that is not empty")
        after = stack.data("demo_counts")
        check(after == before, f"counts differ: before {before}, after {after}")
        check(min(v for k, v in before.items() if k != "participant_results") > 0, "no data")
        proved(
            "restored into a fresh database with the same counts: "
            + ", ".join(f"{k} {v}" for k, v in before.items() if k != "participant_results")
        )
        restored_file = stack.dir / "media-restored" / "documents" / "handout.txt"
        check(restored_file.exists(), "the uploaded file did not come back")
        proved("uploaded media restored")

        stack.stack("start", "web")
        stack.wait_for_web()
        demo = stack.data("demo_login")
        person = Participant(stack.url, tally=Tally())
        status = person.log_in(demo["email"], demo["password"])
        check(status == 302, f"the demo participant could not log in: {status}")
        results = f"/competenties/lijst/{after['participant_results']}/uitslag/"
        status, page = person.request(results)
        check(status == 200, f"{results} answered {status}")
        shown = demo["competency"].encode()
        check(shown in page, f"{results} does not show the competency {demo['competency']!r}")
        status, _ = person.request("/cursussen/mijn-cursussen/")
        check(status == 200, f"my courses answered {status}")
        proved("the demo participant logs in on the restored database and sees their results")
