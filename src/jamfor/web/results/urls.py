from __future__ import annotations

from django.urls import path

from jamfor.web.results import views

app_name = "results"

urlpatterns = [
    path("resultat/<int:year>/", views.dashboard, name="dashboard"),
    path("resultat/<int:year>/import/", views.upload, name="upload"),
    path("resultat/<int:year>/rapport.<str:fmt>", views.download, name="download"),
    path("resultat/<int:year>/katalog.yaml", views.catalog_file, name="catalog"),
]
