"""Webhook secrets at rest. HMAC signing needs the plain secret on the server, so it cannot be hashed like a
password; it is encrypted with a key derived from SECRET_KEY instead (rotating SECRET_KEY means rotating the
webhook secrets too)."""

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core.config import get_settings


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"dangjian-webhook-secrets").derive(
        get_settings().secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def signature(secret: str, body: bytes) -> str:
    """The value of the X-Signature-256 header: HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
