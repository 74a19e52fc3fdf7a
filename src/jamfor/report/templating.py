"""The Jinja2 environment of the report templates (the group report, client statistics).

Compiling the report's template costs a command about a tenth of a second, so
the compiled templates are kept between runs in Jinja2's own bytecode cache:
its per-user folder in the system's temporary folder, which Jinja2 makes
private (0700) and checks is the user's own before it trusts it. Jinja2
compares each template's source with what was compiled, so a changed template
is compiled again. Where no such folder can be made, templates are compiled
as before.
"""

from __future__ import annotations

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)


def _bytecode_cache() -> BytecodeCache | None:
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private folder to be had: compile every time
        return None


ENV = Environment(
    loader=PackageLoader("jamfor.report", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    bytecode_cache=_bytecode_cache(),
)
