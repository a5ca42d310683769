"""Tokens and passwords. The only module that imports python-jose.

Decoding pins the algorithm from settings (never the token header's), requires exp/iat/sub/jti/typ, and
turns every decoding failure into one Unauthorized so that a crafted token can never produce a 500.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Literal

from jose import jwt
from jose.exceptions import JOSEError
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.core import clock
from app.core.config import get_settings
from app.core.errors import Unauthorized

TokenType = Literal["access", "refresh"]
_REQUIRED_CLAIMS = ("sub", "sid", "typ", "iat", "exp", "jti")


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    session_id: str
    token_type: TokenType
    jti: str
    issued_at: datetime
    expires_at: datetime


def new_token_id() -> str:
    return uuid.uuid4().hex


def encode_token(
    *, user_id: int, session_id: str, token_type: TokenType, lifetime: timedelta, jti: str | None = None
) -> tuple[str, TokenClaims]:
    settings = get_settings()
    issued = clock.now().replace(microsecond=0)
    claims = TokenClaims(
        user_id=user_id,
        session_id=session_id,
        token_type=token_type,
        jti=jti or new_token_id(),
        issued_at=issued,
        expires_at=issued + lifetime,
    )
    payload = {
        "sub": str(user_id),
        "sid": session_id,
        "typ": token_type,
        "jti": claims.jti,
        "iat": int(issued.timestamp()),
        "exp": int(claims.expires_at.timestamp()),
    }
    return jwt.encode(payload, settings.secret_key, algorithm=settings.jwt_algorithm), claims


def decode_token(token: str, *, expected_type: TokenType) -> TokenClaims:
    settings = get_settings()
    claims = _verified_claims(token, expected_type, settings.secret_key, settings.jwt_algorithm)
    # Expiry is checked here against app.core.clock rather than by python-jose against the wall clock, so a
    # pinned test clock and the server agree on what "expired" means.
    if claims.expires_at <= clock.now():
        raise Unauthorized("令牌已过期")
    return claims


# Every request of a client carries the same token until it expires: verify each token's signature once per
# process (about a tenth of a millisecond) rather than on every request. Only successes are kept; the key
# includes the secret and algorithm, and expiry is still checked per use, above.
@lru_cache(maxsize=4096)
def _verified_claims(token: str, expected_type: TokenType, secret_key: str, algorithm: str) -> TokenClaims:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != algorithm:
            raise Unauthorized("令牌无效")
        payload = jwt.decode(
            token,
            secret_key,
            algorithms=[algorithm],
            # python-jose turns require_exp back into a wall-clock verify_exp; presence of exp is checked below.
            options={"require_iat": True, "require_sub": True, "require_jti": True, "verify_exp": False},
        )
    except Unauthorized:
        raise
    except (JOSEError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise Unauthorized("令牌无效或已过期") from exc
    if any(payload.get(c) in (None, "") for c in _REQUIRED_CLAIMS):
        raise Unauthorized("令牌无效")
    if payload["typ"] != expected_type:
        raise Unauthorized("令牌类型不正确")
    sub, sid, jti = payload["sub"], payload["sid"], payload["jti"]
    if not (isinstance(sub, str) and sub.isdigit() and isinstance(sid, str) and isinstance(jti, str)):
        raise Unauthorized("令牌无效")
    try:
        issued = datetime.fromtimestamp(int(payload["iat"]), tz=UTC)
        expires = datetime.fromtimestamp(int(payload["exp"]), tz=UTC)
    except (TypeError, ValueError, OverflowError) as exc:
        raise Unauthorized("令牌无效") from exc
    return TokenClaims(int(sub), sid, expected_type, jti, issued, expires)


_password_hash = PasswordHash((Argon2Hasher(),))


def use_password_hasher(hasher: PasswordHash) -> None:
    """Swap the hasher (tests use cheap argon2 parameters; stored hashes carry their own parameters)."""
    global _password_hash
    _password_hash = hasher
    _dummy_hash.cache_clear()


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant work whether or not the account exists: unknown users are checked against a dummy hash."""
    target = password_hash or _dummy_hash()
    try:
        ok = _password_hash.verify(password, target)
    except Exception:  # a malformed stored hash must not become a 500 or a timing signal
        ok = False
    return ok and password_hash is not None


@lru_cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)
