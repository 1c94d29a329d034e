"""The journal's addresses, beside each decision's own under /decisions/."""

from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("decisions/<uuid:pk>/journal/", views.journal, name="journal"),
    path("decisions/<uuid:pk>/journal/steps/", views.add_step, name="add_step"),
    path(
        "decisions/<uuid:pk>/journal/steps/remove-last/",
        views.remove_step,
        name="remove_step",
    ),
    path(
        "decisions/<uuid:pk>/journal/looking-back/",
        views.reflection,
        name="reflection",
    ),
    path("decisions/record/", views.record, name="record"),
    path("decisions/compare/", views.compare, name="compare"),
    path("decisions/export.json", views.export_json, name="export_json"),
    path("decisions/export.csv", views.export_csv, name="export_csv"),
]
