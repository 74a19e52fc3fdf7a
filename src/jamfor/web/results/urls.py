from __future__ import annotations

from django.urls import path

from jamfor.web.results import explore_views, import_views, preliminary_views, views

app_name = "results"

urlpatterns = [
    path("resultat/<int:year>/", views.dashboard, name="dashboard"),
    path("resultat/<int:year>/kommun/", explore_views.municipality, name="municipality"),
    path("resultat/<int:year>/indikator/", explore_views.indicator, name="indicator"),
    path("resultat/<int:year>/import/", import_views.upload, name="upload"),
    path("resultat/<int:year>/inlasningar/", import_views.batches, name="batches"),
    path("resultat/<int:year>/inlasningar/<int:batch>/", import_views.batch_page, name="batch"),
    path(
        "resultat/<int:year>/inlasningar/<int:batch>/bekrafta/",
        import_views.confirm,
        name="batch-confirm",
    ),
    path(
        "resultat/<int:year>/inlasningar/<int:batch>/avbryt/",
        import_views.cancel,
        name="batch-cancel",
    ),
    path(
        "resultat/<int:year>/inlasningar/<int:batch>/angra/", import_views.undo, name="batch-undo"
    ),
    path(
        "resultat/<int:year>/inlasningar/<int:batch>/andringar.csv",
        import_views.changes_csv,
        name="batch-changes",
    ),
    path("resultat/<int:year>/rapport.<str:fmt>", views.download, name="download"),
    path("resultat/<int:year>/preliminart/", preliminary_views.preliminary, name="preliminary"),
    path(
        "resultat/<int:year>/preliminart/rapport.<str:fmt>",
        preliminary_views.preliminary_download,
        name="preliminary-download",
    ),
    path(
        "resultat/<int:year>/preliminart/rapporter/<int:preliminary_build>/",
        preliminary_views.preliminary_build_page,
        name="preliminary-build",
    ),
    path(
        "resultat/<int:year>/preliminart/rapporter/<int:preliminary_build>/status/",
        preliminary_views.preliminary_build_status,
        name="preliminary-build-status",
    ),
    path(
        "resultat/<int:year>/preliminart/rapporter/<int:preliminary_build>/fil/",
        preliminary_views.preliminary_build_file,
        name="preliminary-build-file",
    ),
    path(
        "resultat/<int:year>/preliminart/enkatsvar.csv",
        preliminary_views.preliminary_answers,
        name="preliminary-answers",
    ),
    path("resultat/<int:year>/rapporter/<int:build>/", views.build_page, name="build"),
    path(
        "resultat/<int:year>/rapporter/<int:build>/status/",
        views.build_status,
        name="build-status",
    ),
    path("resultat/<int:year>/rapporter/<int:build>/fil/", views.build_file, name="build-file"),
    path("resultat/<int:year>/katalog.yaml", views.catalog_file, name="catalog"),
]
