from __future__ import annotations

from django.urls import path

from jamfor.web.survey import meeting_views, review_views, views, year_views

app_name = "survey"

urlpatterns = [
    path("ar/nytt/", year_views.year_new, name="year-new"),
    path("ar/<int:year>/", year_views.year_edit, name="year-edit"),
    path("enkat/<int:year>/", views.index, name="index"),
    path("enkat/<int:year>/<str:kommun>/", views.start, name="start"),
    path("enkat/<int:year>/<str:kommun>/svarsoversikt/", views.overview_page, name="overview"),
    path("enkat/<int:year>/<str:kommun>/klar/", views.complete, name="complete"),
    path("enkat/<int:year>/<str:kommun>/sida/<slug:section>/", views.section_page, name="section"),
    path(
        "enkat/<int:year>/<str:kommun>/sida/<slug:section>/kontroll/",
        views.check,
        name="check",
    ),
    path(
        "enkat/<int:year>/<str:kommun>/sida/<slug:section>/autospara/",
        views.autosave,
        name="autosave",
    ),
    path("granskning/<int:year>/", review_views.review, name="review"),
    path("granskning/<int:year>/export.csv", review_views.review_export_csv, name="review-csv"),
    path("granskning/<int:year>/export.xlsx", review_views.review_export_xlsx, name="review-xlsx"),
    path("tolkningar/<int:year>/", meeting_views.meetings, name="meetings"),
    path("tolkningar/<int:year>/nytt/", meeting_views.meeting_new, name="meeting-new"),
    path("tolkningar/<int:year>/<int:pk>/", meeting_views.meeting_edit, name="meeting-edit"),
    path(
        "tolkningar/<int:year>/<int:pk>/ta-bort/",
        meeting_views.meeting_delete,
        name="meeting-delete",
    ),
    path(
        "tolkningar/<int:year>/fran-katalogen/",
        meeting_views.protocol_load,
        name="protocol-load",
    ),
]
