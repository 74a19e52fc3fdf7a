"""``jamfor createuser``, ``jamfor serve --with-example`` and the example they load."""

from __future__ import annotations

import re
from typing import Any

import django.core.management
import pytest
from django.contrib.auth import authenticate, get_user_model
from typer.testing import CliRunner

from jamfor.cli import app
from jamfor.web.audit.models import AuditRecord
from jamfor.web.example import load_example
from jamfor.web.results.models import PublishedMean, ResultValue
from jamfor.web.survey.models import Meeting, Year

from .conftest import PASSWORD

runner = CliRunner()


@pytest.mark.django_db
def test_createuser_makes_a_representative_bound_to_a_municipality() -> None:
    result = runner.invoke(
        app,
        [
            "createuser",
            "solna",
            "--role",
            "representative",
            "--kommun",
            "Solna",
            "--password",
            PASSWORD,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Användaren «solna» är skapad: Kommunrepresentant (Solna)." in result.output
    user = get_user_model().objects.get(username="solna")
    assert (user.profile.role, user.profile.kommun) == ("representative", "0184")
    assert authenticate(username="solna", password=PASSWORD) == user
    record = AuditRecord.objects.get()
    assert (record.action, record.actor, record.actor_name) == (
        "användare.skapad",
        None,
        "kommandoraden (jamfor createuser)",
    )
    assert record.after == {
        "username": "solna",
        "email": "",
        "roll": "representative",
        "kommun": "0184",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--role", "representative", "--password", PASSWORD], 1, "måste ha en kommun"),
        (["--role", "reader", "--kommun", "Solna", "--password", PASSWORD], 1, "lämna fältet tomt"),
        (
            ["--role", "representative", "--kommun", "Atlantis", "--password", PASSWORD],
            1,
            "ingen kommun",
        ),
        (["--role", "analyst", "--password", "123"], 1, "för kort"),
        (["--role", "chef", "--password", PASSWORD], 2, "okänd roll"),
    ],
)
def test_createuser_refuses_in_swedish(args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, ["createuser", "ny", *args])
    assert result.exit_code == code
    assert message in result.output
    assert not get_user_model().objects.filter(username="ny").exists()
    assert not AuditRecord.objects.exists()


@pytest.mark.django_db
def test_createuser_prompts_for_the_password_when_not_given() -> None:
    result = runner.invoke(
        app, ["createuser", "las", "--role", "lasare"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert authenticate(username="las", password=PASSWORD) is not None


@pytest.mark.django_db
def test_createuser_refuses_an_existing_name() -> None:
    runner.invoke(app, ["createuser", "x", "--role", "reader", "--password", PASSWORD])
    result = runner.invoke(app, ["createuser", "x", "--role", "reader", "--password", PASSWORD])
    assert result.exit_code == 1 and "finns redan" in result.output


@pytest.mark.django_db
def test_the_example_loads_once_and_gives_new_passwords_each_time() -> None:
    first = load_example()
    counts = (ResultValue.objects.count(), PublishedMean.objects.count(), Meeting.objects.count())
    assert counts == (520, 52, 1)
    assert first.year.group == "nordvast" and first.year.is_open()
    second = load_example()
    assert (
        ResultValue.objects.count(),
        PublishedMean.objects.count(),
        Meeting.objects.count(),
    ) == counts
    assert Year.objects.count() == 1
    for a, b in zip(first.accounts, second.accounts, strict=True):
        assert a.username == b.username and a.password != b.password
        assert authenticate(username=b.username, password=b.password) is not None
    roles = {a.username: a.description for a in second.accounts}
    assert roles == {
        "demo-analytiker": "FoU-analytiker",
        "demo-ekero": "Kommunrepresentant för Ekerö",
        "demo-lasare": "Läsare",
    }


@pytest.mark.django_db
def test_serve_with_example_migrates_loads_prints_passwords_and_runs_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    real = django.core.management.call_command

    def call_command(name: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((name, args, kwargs))
        if name == "runserver":
            return None
        return real(name, *args, **kwargs)

    monkeypatch.setattr(django.core.management, "call_command", call_command)
    result = runner.invoke(app, ["serve", "--port", "8123", "--with-example"])
    assert result.exit_code == 0, result.output
    assert [c[0] for c in calls] == ["migrate", "runserver"]
    assert calls[1][1] == ("127.0.0.1:8123",)
    assert calls[1][2]["use_reloader"] is False
    password = re.search(r"demo-analytiker\s+(\S+)\s+FoU-analytiker", result.output)
    assert password is not None
    assert authenticate(username="demo-analytiker", password=password.group(1)) is not None
    assert "http://127.0.0.1:8123/" in result.output
