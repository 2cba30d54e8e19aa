"""Requests/s of the home page against a minimal Django view, served by the same gunicorn.

    uv run python bench/home_ratio.py [--seconds 10] [--concurrency 4] [--workers 2]

Prints both rates and the ratio home/minimal: the share of a bare request's throughput the home
page keeps (1.0 would mean the page costs nothing beyond Django's middleware).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import MINIMAL_PATH, gunicorn, load, manage

HOME_PATH = "/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per measurement")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()

    manage("migrate", "--noinput", "-v", "0")
    with gunicorn(workers=args.workers) as base:
        for path in (HOME_PATH, MINIMAL_PATH):  # warm up: imports, templates, connections
            load(base, path, seconds=1, concurrency=args.concurrency)
        # Interleave the two twice, so drift on a shared machine hits both alike.
        runs = {HOME_PATH: [], MINIMAL_PATH: []}
        for _ in range(2):
            for path in (HOME_PATH, MINIMAL_PATH):
                runs[path].append(
                    load(base, path, seconds=args.seconds / 2, concurrency=args.concurrency)
                )

    def merge(results):
        first = results[0]
        for other in results[1:]:
            first.requests += other.requests
            first.errors += other.errors
            first.seconds += other.seconds
            first.latencies_ms += other.latencies_ms
        return first

    home, minimal = merge(runs[HOME_PATH]), merge(runs[MINIMAL_PATH])
    print(
        f"home_ratio: gunicorn {args.workers} sync workers, {args.concurrency} client threads, "
        f"{args.seconds:g}s per view"
    )
    print(home.line("home page"))
    print(minimal.line("minimal view"))
    if home.errors or minimal.errors or not minimal.rps:
        print("errors during the run: figures are not reliable", file=sys.stderr)
        return 1
    print(f"ratio home/minimal: {home.rps / minimal.rps:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
