"""SHA-256 from CPython's own module, not from OpenSSL.

``hashlib`` loads OpenSSL's libcrypto as it is imported: 2 ms of every command's start-up and
about 3.5 MB of the memory `audit check` holds, for the short keys the tool digests (findings'
fingerprints, cache and record names, a record's key). CPython's built-in SHA-256 gives the same
digests, and is the quicker on such short keys; ``hashlib``'s where a build has no built-in one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # CPython 3.12 on
        except ImportError:
            from hashlib import sha256

__all__ = ["sha256"]
