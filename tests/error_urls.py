"""The site's URLs plus one view that fails, to see what a visitor gets."""

from django.urls import path

from interviewdecider.urls import handler400, handler404, handler500  # noqa: F401
from interviewdecider.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("SECRET_KEY leaked? No: this must never reach a visitor")


urlpatterns = [
    path("broken/", broken_view),
    path("api/v1/broken", broken_view),
    *site_urlpatterns,
]
