from django.contrib import admin
from django.urls import include, path

from decisions import views

handler400 = "decisions.views.bad_request"
handler404 = "decisions.views.page_not_found"
handler500 = "decisions.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("journal.urls")),
    path("", include("decisions.urls")),
]
