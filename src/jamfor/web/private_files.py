"""What the web app keeps on disk is readable by its owner only (0600).

The SQLite database and a backup hold every answer and every account; on a
shared machine another user must not be able to copy them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PRIVATE = 0o600


def write_private(path: Path, text: str) -> None:
    """Write ``text`` readable by the owner only, replacing ``path`` whole or not at all."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, PRIVATE)  # an older .tmp kept its mode through O_CREAT
    tmp.replace(path)


def private_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On each new connection: the SQLite file (made by the first) is the owner's only.

    SQLite gives its journal files the database file's mode, so they follow.
    """
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if name and name != ":memory:" and not name.startswith("file:") and os.path.isfile(name):
        os.chmod(name, PRIVATE)
