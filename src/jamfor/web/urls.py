"""The URLconf. Every view here declares its access level (see accounts/access.py)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from jamfor.web.accounts import views as account_views
from jamfor.web.accounts.access import authenticated, public
from jamfor.web.admin_site import site
from jamfor.web.audit import views as audit_views
from jamfor.web.statement import views as statement_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path(
        "konto/logga-in/",
        public(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("konto/logga-ut/", public(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "konto/byt-losenord/",
        authenticated(account_views.LoggedPasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "konto/byt-losenord/klart/",
        authenticated(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path("logg/", audit_views.log, name="audit-log"),
    path("tillganglighet/", statement_views.statement, name="accessibility"),
    path("", include("jamfor.web.survey.urls")),
    path("", include("jamfor.web.results.urls")),
    path("", include("jamfor.web.development.urls")),
    path("admin/", site.urls),
]
