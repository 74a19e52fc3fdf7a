"""Every write leaves a record: who, when, what, before and after."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

from jamfor.web.accounts.models import Profile, Role
from jamfor.web.admin_site import site
from jamfor.web.audit.admin import AuditedAdmin
from jamfor.web.audit.models import AuditRecord
from jamfor.web.survey.models import Interpretation, Meeting, Year

from .conftest import PASSWORD

JAMFOR_APPS = ("accounts", "audit", "survey", "results", "development")


def test_every_model_is_on_the_admin_site_and_its_writes_are_logged() -> None:
    for model in apps.get_models():
        if model._meta.app_label in JAMFOR_APPS and model._meta.model_name not in (
            "profile",
            "answer",
            "comment",
            "interpretation",
            "question",
            "submissionversion",
            "batchchange",  # listed on its import's own page (/resultat/ÅR/inlasningar/N/)
            "reportbuild",  # report files built from the data, never edited
        ):
            assert model in site._registry, model  # edited inline or shown under its parent
    for model, model_admin in site._registry.items():
        assert isinstance(model_admin, AuditedAdmin), model


def test_an_admin_change_is_logged_with_the_changed_fields(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    r = c.post(
        f"/admin/survey/year/{year.pk}/change/",
        {
            "year": "2015",
            "area": "ekb",
            "group": "nordvast",
            "deadline": "2015-05-15",
            "_save": "1",
        },
    )
    assert r.status_code == 302
    record = AuditRecord.objects.get()
    assert (record.action, record.actor, record.target_type) == (
        "admin.ändrad",
        analyst,
        "survey.Year",
    )
    assert record.before == {"deadline": year.deadline.isoformat()}
    assert record.after == {"deadline": "2015-05-15"}


def test_an_admin_year_with_a_bad_catalog_or_unknown_group_is_refused(
    analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    r = c.post(
        "/admin/survey/year/add/",
        {"year": "2016", "area": "ekb", "group": "Atlantis", "_save": "1"},
    )
    text = BeautifulSoup(r.content, "html.parser").get_text()
    assert "Okänd grupp «Atlantis»" in text
    r = c.post(
        "/admin/survey/year/add/",
        {
            "year": "2016",
            "area": "missbruk",
            "group": "nordvast",
            "catalog_text": "area: ekb\nyear: 2016\ntables: []\n",
            "_save": "1",
        },
    )
    text = BeautifulSoup(r.content, "html.parser").get_text()
    assert "Katalogen i fältet är felaktig" in text
    assert not Year.objects.exists() and not AuditRecord.objects.exists()


def test_a_year_without_a_bundled_catalog_uses_kolada_s_for_its_area(
    analyst: Any, login: Callable[[Any], Client]
) -> None:
    r = login(analyst).post(
        "/admin/survey/year/add/",
        {"year": "2024", "area": "missbruk", "group": "nordvast", "_save": "1"},
    )
    assert r.status_code == 302
    year = Year.objects.get(year=2024)
    assert year.catalog.area == "missbruk" and year.catalog.generated_from == "Kolada"
    assert year.catalog_origin == "genererad ur Koladas nyckeltal"
    assert "U35537" in {i.id for i in year.catalog.indicators}


def test_analysts_create_accounts_with_a_role_in_the_admin(
    analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    data = {
        "username": "nyrep",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "1",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-role": "representative",
        "profile-0-kommun": "",
        "_save": "1",
    }
    r = c.post("/admin/auth/user/add/", data)
    assert (
        "En kommunrepresentant måste ha en kommun."
        in BeautifulSoup(r.content, "html.parser").get_text()
    )
    assert not get_user_model().objects.filter(username="nyrep").exists()

    r = c.post("/admin/auth/user/add/", {**data, "profile-0-kommun": "Järfälla"})
    assert r.status_code == 302
    user = get_user_model().objects.get(username="nyrep")
    assert (user.profile.role, user.profile.kommun, user.is_staff) == (
        "representative",
        "0123",
        False,
    )
    actions = list(AuditRecord.objects.order_by("id").values_list("action", "target_type"))
    assert actions == [("admin.skapad", "auth.User"), ("admin.skapad", "accounts.Profile")]
    created = AuditRecord.objects.filter(target_type="auth.User").get()
    assert created.after is not None and created.after["password"] == "(dolt)"
    assert "pbkdf2" not in str(created.after)

    profile = user.profile
    r = c.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": "nyrep",
            "is_active": "on",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "1",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": str(profile.pk),
            "profile-0-user": str(user.pk),
            "profile-0-role": "analyst",
            "profile-0-kommun": "",
            "_save": "1",
        },
    )
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.is_staff and user.profile.role == Role.ANALYST
    change = AuditRecord.objects.filter(action="admin.ändrad", target_type="accounts.Profile").get()
    assert change.before == {"role": "representative", "kommun": "0123"}
    assert change.after == {"role": "analyst", "kommun": ""}


def test_admin_deletes_and_inline_changes_are_logged(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    meeting = Meeting.objects.create(year=year, date="2015-04-24", participants="A")
    note = Interpretation.objects.create(
        meeting=meeting, questions="1", heading="Fråga 1", text="X"
    )
    c = login(analyst)
    r = c.post(
        f"/admin/survey/meeting/{meeting.pk}/change/",
        {
            "year": str(year.pk),
            "date": "2015-04-24",
            "title": meeting.title,
            "participants": "A",
            "interpretations-TOTAL_FORMS": "1",
            "interpretations-INITIAL_FORMS": "1",
            "interpretations-MIN_NUM_FORMS": "0",
            "interpretations-MAX_NUM_FORMS": "1000",
            "interpretations-0-id": str(note.pk),
            "interpretations-0-meeting": str(meeting.pk),
            "interpretations-0-questions": "1",
            "interpretations-0-heading": "Fråga 1",
            "interpretations-0-text": "Y",
            "interpretations-0-position": "0",
            "interpretations-0-DELETE": "on",
            "_save": "1",
        },
    )
    assert r.status_code == 302
    record = AuditRecord.objects.get(target_type="survey.Interpretation")
    assert record.action == "admin.borttagen" and record.target_id == str(note.pk)
    assert record.before is not None and record.before["text"] == "X" and record.after is None

    r = c.post(f"/admin/survey/meeting/{meeting.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302 and not Meeting.objects.exists()
    deleted = AuditRecord.objects.get(target_type="survey.Meeting", action="admin.borttagen")
    assert deleted.before is not None and deleted.before["participants"] == "A"


def test_password_changes_are_logged_without_the_password(
    rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    new = "Ett-annat-lösen-99"
    r = c.post(
        "/konto/byt-losenord/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert r.status_code == 302 and r["Location"] == "/konto/byt-losenord/klart/"
    record = AuditRecord.objects.get()
    assert (record.action, record.actor) == ("användare.lösenord", rep)
    assert (record.before, record.after) == ({"password": "(dolt)"}, {"password": "(nytt)"})

    r = login(analyst).post(
        f"/admin/auth/user/{rep.pk}/password/",
        {"password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"},
    )
    assert r.status_code == 302
    by_admin = AuditRecord.objects.latest("id")
    assert (by_admin.action, by_admin.actor, by_admin.target_id) == (
        "användare.lösenord",
        analyst,
        str(rep.pk),
    )


def test_the_log_page_shows_who_what_before_and_after(
    year: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    login(rep).post("/enkat/2015/0125/sida/intern-samordning/", {"svar-1-bou": "ja"})
    page = BeautifulSoup(login(analyst).get("/logg/").content, "html.parser")
    cells = [td.get_text() for td in page.select("tbody tr")[0].select("td")]
    assert cells[1:3] == ["ekero", "enkät.sparad"]
    assert '"svar 1/bou": null' in cells[4] and '"svar 1/bou": "ja"' in cells[5]
    filtered = login(analyst).get("/logg/?handelse=resultat.import")
    assert "Inga ändringar ännu." in filtered.content.decode()


def test_profile_role_keeps_staff_status_in_step(db: Any) -> None:
    user = get_user_model().objects.create_user("x", password=PASSWORD)
    profile = Profile.objects.create(user=user, role=Role.ANALYST)
    user.refresh_from_db()
    assert user.is_staff
    profile.role = Role.READER
    profile.save()
    user.refresh_from_db()
    assert not user.is_staff
