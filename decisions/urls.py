"""The addresses of the pages and the API."""

from django.urls import include, path

from decisions import api, views
from journal import views as journal_views

app_name = "decisions"

urlpatterns = [
    path("", views.start, name="start"),
    path("start/", views.new_decision, name="new_decision"),
    path("how-we-decide/", views.how_we_decide, name="how_we_decide"),
    path("decisions/<uuid:pk>/", views.resume, name="resume"),
    path(
        "decisions/<uuid:pk>/questions/<slug:question_id>/",
        views.question,
        name="question",
    ),
    path("decisions/<uuid:pk>/details/", views.details, name="details"),
    path("decisions/<uuid:pk>/check/", views.check, name="check"),
    path("decisions/<uuid:pk>/verdict/", views.verdict, name="verdict"),
    path("decisions/<uuid:pk>/email/", views.email_options, name="email_options"),
    path("decisions/<uuid:pk>/email.txt", views.email_text, name="email_text"),
    path("decisions/<uuid:pk>/interview.ics", views.calendar, name="calendar"),
    path("decisions/<uuid:pk>/reply.ics", views.reply_reminder, name="reply_reminder"),
    path("decisions/<uuid:pk>/checklist/", views.checklist, name="checklist"),
    path("decisions/<uuid:pk>/reevaluate/", views.reevaluate, name="reevaluate"),
    path("decisions/<uuid:pk>/share/", views.share, name="share"),
    path("decisions/<uuid:pk>/share/revoke/", views.revoke, name="revoke"),
    path("decisions/<uuid:pk>/delete/", views.delete, name="delete"),
    path("decisions/", journal_views.history, name="history"),
    path("delete-my-data/", views.delete_all, name="delete_all"),
    path("s/<slug:token>/", views.shared, name="shared"),
    path("api/v1/", include(api.urlpatterns)),
]
