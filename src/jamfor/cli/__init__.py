"""The ``jamfor`` command: the same jobs as the web app, from a terminal.

Exit codes follow the result: 0 done, 1 the input or a name was wrong (the
message says what to fix), 2 the command itself was wrong (Typer's usage
errors). Each group of commands lives in its own module and registers itself
on the shared :data:`app`; importing them here is what makes them appear.
"""

from __future__ import annotations

from jamfor.cli import (
    catalogs,  # noqa: F401  (registers katalog)
    clients,  # noqa: F401  (registers klientstatistik)
    national,  # noqa: F401  (registers hamta, demo-data, trend)
    results,  # noqa: F401  (registers report, table, groups)
    series,  # noqa: F401  (registers hamta pxweb, serie)
    web,  # noqa: F401  (registers serve, createuser)
)
from jamfor.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
