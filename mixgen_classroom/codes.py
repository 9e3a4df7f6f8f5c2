"""Round codes a student can type, and teacher keys kept only as digests.

A code is six characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B),
read case-insensitively with spaces and dashes ignored. A teacher key is a long random secret;
the store keeps its SHA-256 digest, and a key is checked by comparing digests in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

#: The characters of a round code: unambiguous when read from a projector or typed on a phone.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def new_code() -> str:
    """A fresh random round code (25^6, about 244 million, possible codes)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: object) -> str:
    """The code as typed, upper-cased with spaces and dashes dropped; ValueError if it cannot be a code."""
    if not isinstance(typed, str) or len(typed) > 40:
        raise ValueError(f"A round code has {CODE_LENGTH} letters and digits.")
    code = "".join(ch for ch in typed.upper() if ch not in " -\t")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise ValueError(f"A round code has {CODE_LENGTH} letters and digits, such as {new_code()}; "
                         "check it on the board.")
    return code


def new_teacher_key() -> str:
    """A secret for the teacher's link (32 random bytes, URL-safe)."""
    return secrets.token_urlsafe(32)


def key_digest(key: str) -> str:
    """What the store keeps of a teacher key. The key is random and long, so one SHA-256 suffices."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def key_matches(key: object, digest: str) -> bool:
    """Whether ``key`` is the teacher key whose digest is ``digest`` (constant-time comparison)."""
    if not isinstance(key, str) or len(key) > 200:
        return False
    return hmac.compare_digest(key_digest(key), digest)


def student_digest(code: str, student: str) -> str:
    """A student's row key in a round: a digest of the round's code and the session's id, so the
    database never holds a session id and the same session is a different row in another round."""
    return hashlib.blake2b(f"{code}\0{student}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
