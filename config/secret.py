"""The secret key of an install that is not production: random, made once, kept in ``var/``.

A key written in the repository is known to everyone who can read it, and with it anyone can
forge a signed link (an e-mail confirmation, a peer link) on any host that runs the demo. So the
first start of an install writes a random key to ``var/secret_key`` (mode 0600, ignored by git)
and every later start reuses it: sessions and links stay valid across restarts. Production never
comes here; it refuses to start without ``DJANGO_SECRET_KEY``.
"""

import os
import secrets
from pathlib import Path


def local_secret_key(path: Path) -> str:
    """The key stored at ``path``, written there first (0600) when the file does not exist."""
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write a private temporary file, then link it into place: a process starting at the same
    # moment either wins the link or reads the winner's complete key, never a half-written one.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_urlsafe(64) + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            if not path.read_text(encoding="ascii").strip():
                os.replace(temporary, path)  # an empty file left by a crash: replace it
    finally:
        temporary.unlink(missing_ok=True)
    return path.read_text(encoding="ascii").strip()
