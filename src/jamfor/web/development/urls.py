"""The development work's URLs. Every view declares its access level (see accounts/access.py);
every URL naming a ``kommun`` goes through the municipality decorators of ``access.py``."""

from __future__ import annotations

from django.urls import path

from jamfor.web.development import (
    answer_views,
    area_views,
    decision_views,
    followup_views,
    plan_views,
    report_views,
    series_views,
    views,
)

app_name = "development"

BASE = "utveckling/<int:year>/"

urlpatterns = [
    path(BASE, views.cycle_page, name="cycle"),
    path(BASE + "starta/", views.start, name="start"),
    path(BASE + "planering/", views.planning, name="planning"),
    path(BASE + "stallningstagande/", views.position, name="position"),
    path(BASE + "forslag/", area_views.candidates, name="candidates"),
    path(BASE + "omraden/nytt/", area_views.area_new, name="area-new"),
    path(BASE + "omraden/<int:area>/", area_views.area_detail, name="area"),
    path(BASE + "omraden/<int:area>/andra/", area_views.area_edit, name="area-edit"),
    path(BASE + "omraden/<int:area>/ta-bort/", area_views.area_delete, name="area-delete"),
    path(BASE + "omraden/<int:area>/analys/", area_views.area_analysis, name="area-analysis"),
    path(BASE + "omraden/<int:area>/fragor/", area_views.questions, name="questions"),
    path(
        BASE + "omraden/<int:area>/fragor/standard/",
        area_views.questions_standard,
        name="questions-standard",
    ),
    path(
        BASE + "omraden/<int:area>/fragor/<int:question>/ta-bort/",
        area_views.question_delete,
        name="question-delete",
    ),
    path(BASE + "omraden/<int:area>/over-tid/", followup_views.area_trend, name="area-trend"),
    path(BASE + "omraden/<int:area>/serier/", series_views.area_series, name="area-series"),
    path(
        BASE + "omraden/<int:area>/serier/<int:series>/ta-bort/",
        series_views.area_series_delete,
        name="area-series-delete",
    ),
    path(BASE + "svar/", answer_views.answers_overview, name="answers"),
    path(BASE + "svar/paminnelser.csv", answer_views.reminders, name="reminders"),
    path(BASE + "svar/<str:kommun>/", answer_views.kommun_answers, name="kommun-answers"),
    path(BASE + "svar/<str:kommun>/<int:area>/", answer_views.answer_area, name="answer"),
    path(
        BASE + "svar/<str:kommun>/<int:area>/autospara/",
        answer_views.answer_autosave,
        name="answer-autosave",
    ),
    path(
        BASE + "svar/<str:kommun>/<int:area>/statistik/",
        answer_views.answer_statistics,
        name="answer-statistics",
    ),
    path(
        BASE + "svar/<str:kommun>/<int:area>/versioner/",
        answer_views.answer_versions,
        name="answer-versions",
    ),
    path(BASE + "kunskap/", report_views.knowledge, name="knowledge"),
    path(
        BASE + "kunskap/rapport.<str:fmt>",
        report_views.knowledge_download,
        name="knowledge-download",
    ),
    path(
        BASE + "kunskap/rapporter/<int:knowledge_build>/",
        report_views.knowledge_build,
        name="knowledge-build",
    ),
    path(
        BASE + "kunskap/rapporter/<int:knowledge_build>/status/",
        report_views.knowledge_build_status,
        name="knowledge-build-status",
    ),
    path(
        BASE + "kunskap/rapporter/<int:knowledge_build>/fil/",
        report_views.knowledge_build_file,
        name="knowledge-build-file",
    ),
    path(BASE + "kunskap/publicera/", report_views.publish, name="publish"),
    path(BASE + "beslut/", decision_views.decision, name="decision"),
    path(BASE + "beslut/milstolpar/ny/", decision_views.milestone_new, name="milestone-new"),
    path(
        BASE + "beslut/milstolpar/<int:milestone>/",
        decision_views.milestone_edit,
        name="milestone-edit",
    ),
    path(BASE + "handlingsplaner/", plan_views.plans_overview, name="plans"),
    path(BASE + "handlingsplaner/<str:kommun>/", plan_views.plan, name="plan"),
    path(
        BASE + "handlingsplaner/<str:kommun>/autospara/",
        plan_views.plan_autosave,
        name="plan-autosave",
    ),
    path(
        BASE + "handlingsplaner/<str:kommun>/versioner/",
        plan_views.plan_versions,
        name="plan-versions",
    ),
    path(BASE + "uppfoljning/", followup_views.followup, name="followup"),
    path(BASE + "uppfoljning/nytt/", followup_views.followup_new, name="followup-new"),
    path(BASE + "uppfoljning/<int:meeting>/", followup_views.followup_edit, name="followup-edit"),
]
