"""``bin/drill NAME`` / ``bin/drill all``: run drills, time them, print a summary line each."""

import os
import sys
import time
import traceback

import drills
from harness import ROOT, DrillFailed


def load() -> None:
    """bench/load.py at CI length: LOAD_SECONDS (default 60) warm and as long cold."""
    from importlib import util

    spec = util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    seconds = float(os.environ.get("LOAD_SECONDS", 60))
    users = int(os.environ.get("LOAD_USERS", 20))
    failures = module.run(users=users, seconds=seconds, cold_seconds=seconds, workers=4)
    if failures:
        raise DrillFailed("errors under load: " + "; ".join(failures))
    print(f"PROVED: {users} users for {seconds:.0f} s warm and {seconds:.0f} s cold: 0 errors")


DRILLS = {
    "worker-kill": drills.worker_kill,
    "redis-restart": drills.redis_restart,
    "postgres-restart": drills.postgres_restart,
    "two-beats": drills.two_beats,
    "backup-restore": drills.backup_restore,
    "load": load,
}


def main(argv: list[str]) -> int:
    names = list(DRILLS) if argv == ["all"] else argv
    unknown = [name for name in names if name not in DRILLS]
    if not names or unknown:
        print(f"usage: bin/drill {'|'.join(DRILLS)}|all", file=sys.stderr)
        return 2
    summary = []
    for name in names:
        print(f"\n== drill {name}", flush=True)
        started = time.monotonic()
        try:
            DRILLS[name]()
        except (DrillFailed, Exception) as error:
            if not isinstance(error, DrillFailed):
                traceback.print_exc()
            print(f"FAILED: {error}", flush=True)
            outcome = "FAILED"
        else:
            outcome = "passed"
        summary.append(f"drill {name}: {outcome} in {time.monotonic() - started:.0f} s")
    print("\n== drill summary")
    print("\n".join(summary))
    return 0 if all("passed" in line for line in summary) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
