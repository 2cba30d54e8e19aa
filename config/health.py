"""``/health/`` for the load balancer: can this process serve, and is the stack around it alive?

Answers 200 when every check passes and 503 when any fails, with a small JSON body that names the
checks and their state, never anything about a person::

    {"status": "ok", "checks": {"database": "ok", "migrations": "ok", "redis": "ok",
     "beat": "ok"}, "beat_age_seconds": 4}

- ``database``: a ``SELECT 1`` on the default connection.
- ``migrations``: no migration on disk is unapplied (a deploy that forgot ``migrate`` fails here).
  Once every migration is applied a process remembers it (migrations only get applied, never
  unapplied, while it runs), so a load balancer polling every few seconds costs one query.
- ``redis``: the broker's Redis and the cache's Redis answer ``PING`` (skipped without Redis:
  the embedded default).
- ``beat``: the active beat wrote its heartbeat (``config.beat``, every tick, at most
  ``CHECK_EVERY`` seconds apart) less than ``HEALTH_BEAT_MAX_AGE`` seconds ago. Only where a beat
  is expected (``HEALTH_REQUIRE_BEAT``, on with a real broker); a missing heartbeat means no
  reminder or sweep runs, which a volunteer would otherwise notice days later.

Every check catches its own errors and has short timeouts, so the endpoint answers quickly even
when a service hangs.
"""

import time

import redis
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OK = "ok"
HEARTBEAT_KEY = "leerkring:beat:heartbeat"
_migrations_applied = False


def beat_heartbeat(now: float | None = None) -> None:
    """Record that the active beat is alive (called by it on every tick). Never raises: the
    cache fails soft, and a beat must not stop over its heartbeat."""
    caches["default"].set(HEARTBEAT_KEY, now if now is not None else time.time(), timeout=None)


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK


def check_migrations() -> str:
    global _migrations_applied
    if _migrations_applied:
        return OK
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return "unapplied"
    _migrations_applied = True
    return OK


def _redis_urls() -> list[str]:
    urls = []
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        urls.append(settings.CELERY_BROKER_URL)
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("RedisCache"):
        urls.append(cache["LOCATION"])
    return urls


def check_redis() -> str:
    urls = _redis_urls()
    if not urls:
        return "skipped"
    for url in urls:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            client.ping()
        finally:
            client.close()
    return OK


def beat_age() -> float | None:
    value = caches["default"].get(HEARTBEAT_KEY)
    return None if value is None else max(0.0, time.time() - float(value))


def check_beat() -> str:
    if not settings.HEALTH_REQUIRE_BEAT:
        return "skipped"
    age = beat_age()
    if age is None:
        return "missing"
    return OK if age <= settings.HEALTH_BEAT_MAX_AGE else "stale"


CHECKS = {
    "database": check_database,
    "migrations": check_migrations,
    "redis": check_redis,
    "beat": check_beat,
}


def _run(check) -> str:
    try:
        return check()
    except Exception as exc:  # a check that cannot run has failed; say how, not where
        return f"error: {type(exc).__name__}"


@never_cache
@require_GET
def health(request):
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(state in (OK, "skipped") for state in results.values())
    body = {"status": OK if healthy else "fail", "checks": results}
    if results["beat"] in (OK, "stale"):
        age = beat_age()
        if age is not None:
            body["beat_age_seconds"] = round(age)
    return JsonResponse(body, status=200 if healthy else 503)
