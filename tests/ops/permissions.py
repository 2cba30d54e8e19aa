"""The load balancer's health check: anyone may ask (it says nothing about anyone)."""

from config.health import beat_heartbeat
from tests.permissions.matrix import Case, everyone

CASES = {
    "health": Case("/health/", everyone(200)),
}


def build_world(world):
    # With a real broker a beat is expected: the matrix runs as if it had just ticked.
    beat_heartbeat()
