"""User text on the terminal: always printed as text, never as markup or terminal codes.

Anything a file or a person wrote — a unit named ``[/x]``, a heading with
``[link=…]``, a cell with escape sequences or a megabyte of text — passes
through :func:`terminal_text` before it reaches Rich, so it cannot break the
error list, draw a link, move the cursor or flood the terminal.
"""

from __future__ import annotations

from jamfor.core.problems import printable


def terminal_text(text: str) -> str:
    """``text`` made safe to embed in a Rich markup string: controls out, long lines cut."""
    from rich.markup import escape  # Rich only where Rich prints

    return escape(printable(text))
