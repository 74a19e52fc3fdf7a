"""The report templates are compiled once and then read back compiled (Jinja2's bytecode cache)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import FileSystemBytecodeCache

from jamfor.report.templating import ENV


@pytest.mark.parametrize("name", ["report.html.j2", "clients.html.j2"])
def test_a_template_compiled_once_is_read_back_without_compiling(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ENV.bytecode_cache
    assert isinstance(cache, FileSystemBytecodeCache)
    ENV.cache.clear()  # the templates this process already holds
    ENV.get_template(name)
    assert ENV.loader is not None
    source, filename, _ = ENV.loader.get_source(ENV, name)
    bucket = cache.get_bucket(ENV, name, filename, source)
    assert Path(cache._get_cache_filename(bucket)).is_file()

    def no_compiling(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("compiled again")

    monkeypatch.setattr(ENV, "compile", no_compiling)
    ENV.cache.clear()
    template = ENV.get_template(name)
    assert template.name == name
    ENV.cache.clear()
