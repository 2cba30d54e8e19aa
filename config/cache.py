"""The Redis cache, failing soft: Redis down is not an error for a request that did its work.

Django, Wagtail (site root paths) and allauth (rate limits, with a short ``add`` lock) read and
write the cache on ordinary page views; with Redis unreachable they would answer 500. Here a read
that cannot reach Redis is a miss and a write is dropped, both logged. ``add`` answers that it
added: with the store gone nobody else can hold what it guards, and the caller goes on as it would
with an empty cache (allauth's rate limits simply do not count while Redis is down). ``incr`` and
``decr`` still raise: a counter's caller must know that nothing was counted (the catalogue
version, ``courses.cache``, makes its bump up later).
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _soft(name: str, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(FailSoftRedisCache, self), name)(*args, **kwargs)
        except RedisError:
            logger.warning("Cache unreachable: %s skipped", name, exc_info=True)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


def _default(key, default=None, version=None):
    return default


class ReusingRedisCacheClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` object for every cache call; its constructor fills a
    table of response callbacks each time, which costs more than the call's round trip on a page
    that reads the cache a few times. The client holds no connection of its own (the pool does,
    and is safe across threads and forks), so one per pool serves every call."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get = _soft("get", _default)
    get_many = _soft("get_many", {})
    has_key = _soft("has_key", False)
    add = _soft("add", True)
    set = _soft("set", None)
    set_many = _soft("set_many", lambda data, *a, **k: list(data))
    touch = _soft("touch", False)
    delete = _soft("delete", False)
    delete_many = _soft("delete_many", None)
