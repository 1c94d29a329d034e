from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from decisions import views
from decisions.forms import NewPasswordForm, PasswordResetRequestForm

handler400 = "decisions.views.bad_request"
handler404 = "decisions.views.page_not_found"
handler500 = "decisions.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/signup/", views.signup, name="signup"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetRequestForm),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("journal.urls")),
    path("", include("decisions.urls")),
]
