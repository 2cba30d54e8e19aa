"""``bin/drill NAME`` / ``bin/drill all``: run drills, time them, print a summary line each."""

import sys
import time
import traceback

import drills
from harness import DrillFailed

DRILLS = {
    "worker-kill": drills.worker_kill,
    "redis-restart": drills.redis_restart,
    "postgres-restart": drills.postgres_restart,
    "two-beats": drills.two_beats,
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
