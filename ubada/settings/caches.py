"""The shared cache's settings, one definition for the settings modules and the stack tests."""


def redis_cache(url, *, key_prefix="ubada", connect_timeout=0.2, timeout=0.2):
    """CACHES for Redis at `url` with django-redis, which can ignore a Redis that is down or
    slow: every read is then a miss and every write is dropped, so pages are rendered (slower)
    instead of failing. The short socket timeouts bound what a dead Redis costs a request."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": connect_timeout,
                "SOCKET_TIMEOUT": timeout,
            },
        }
    }
