"""Who is writing: tokens (a bearer header for the API, a cookie for the pages), CSRF, rate limits."""

from __future__ import annotations

import hmac
import secrets
import threading
import time

from fastapi import HTTPException, Request

TOKEN_COOKIE = "desk_token"
CSRF_COOKIE = "desk_csrf"


class RateLimit:
    """A token bucket per user: `per_minute` requests a minute, in bursts of up to that many."""

    def __init__(self, per_minute: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(per_minute)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, who: str) -> float:
        """Spend one request; return 0, or the seconds to wait when the bucket is empty."""
        now = time.monotonic()
        with self._lock:
            level, then = self._buckets.get(who, (self.burst, now))
            level = min(self.burst, level + (now - then) * self.rate)
            if level < 1:
                self._buckets[who] = (level, now)
                return (1 - level) / self.rate if self.rate else 60.0
            self._buckets[who] = (level - 1, now)
            return 0.0

    def check(self, who: str) -> None:
        wait = self.take(who)
        if wait:
            raise HTTPException(
                429, "too many requests; try again later", {"Retry-After": str(int(wait) + 1)}
            )


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def api_user(request: Request) -> str:
    """The user a request's bearer token names; 401 without a valid one."""
    from corroborate.serve.app import state

    user = state(request).desk.user_for_token(bearer(request))
    if user is None:
        raise HTTPException(
            401, "a valid token is needed: Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"}
        )
    return user


def page_user(request: Request) -> str | None:
    """The signed-in user of a page request (the token cookie), or None."""
    from corroborate.serve.app import state

    return state(request).desk.user_for_token(request.cookies.get(TOKEN_COOKIE))


def csrf_token(request: Request) -> str:
    """The form token of this browser: its CSRF cookie, or a new one to set."""
    current = request.cookies.get(CSRF_COOKIE, "")
    return current if 20 <= len(current) <= 100 else secrets.token_urlsafe(24)


def check_csrf(request: Request, sent: str | None) -> None:
    """Double submit: the form's token must be the browser's cookie (which other sites cannot read)."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not sent or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise HTTPException(403, "the form has expired or came from another site; reload the page and retry")
