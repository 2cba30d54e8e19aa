"""Exactly one beat: a second beat started by mistake stands by instead of running every job twice.

The beat that holds a Redis lock (in the broker's Redis) is the one that sends the periodic tasks;
it renews the lock on every tick, well within ``LOCK_TTL``. Any other beat checks the lock every
few seconds and sends nothing; when the active beat dies, its lock runs out and a standby takes
over within ``LOCK_TTL``. Redis unreachable: nobody can hold the lock, and nothing could be sent to
the broker anyway; the beat that gets the lock first when Redis is back carries on. A takeover may
run a job once more than its schedule says; every job is idempotent (outbox keys).

Without a Redis broker (the embedded demo runs its own in-process scheduler) there is nothing to
coordinate and the lock is not used.
"""

import logging

import redis
from django_celery_beat.schedulers import DatabaseScheduler

from config.health import beat_heartbeat

logger = logging.getLogger(__name__)

LOCK_KEY = "leerkring:beat:lock"
#: Seconds a beat's lock lives without renewal: how long a dead beat's standby waits.
LOCK_TTL = 60
#: Seconds between a beat's lock checks (renewal by the active beat, a try by a standby).
CHECK_EVERY = 10


class SingleBeatScheduler(DatabaseScheduler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lock = None
        self.is_active = False

    def _redis_lock(self):
        if self._lock is None:
            url = self.app.conf.broker_url or ""
            if not url.startswith(("redis://", "rediss://", "unix://")):
                return None
            client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
            self._lock = client.lock(LOCK_KEY, timeout=LOCK_TTL, thread_local=False)
        return self._lock

    def hold_lock(self) -> bool:
        """Take or renew the lock; answers whether this beat is the active one."""
        lock = self._redis_lock()
        if lock is None:
            return True
        was_active = self.is_active
        try:
            if was_active:
                lock.reacquire()  # LockNotOwnedError once it ran out and another beat took it
            else:
                self.is_active = bool(lock.acquire(blocking=False))
        except redis.exceptions.LockError:
            logger.warning("This beat lost its lock; standing by")
            self.is_active = False
        except redis.exceptions.RedisError:
            logger.warning("Beat lock unreachable; sending nothing until it is", exc_info=True)
            self.is_active = False
        if self.is_active and not was_active:
            logger.info("This beat holds the lock and sends the periodic tasks")
        return self.is_active

    def tick(self, *args, **kwargs):
        if not self.hold_lock():
            return CHECK_EVERY
        beat_heartbeat()  # /health/ checks that the active beat is alive (config/health.py)
        return min(super().tick(*args, **kwargs), CHECK_EVERY)

    def close(self):
        try:
            if self._lock is not None and self.is_active:
                self._lock.release()
        except redis.exceptions.RedisError:
            pass  # it runs out by itself
        self.is_active = False
        super().close()
