"""The site's URLs plus one view that fails, to see what a visitor gets."""

from django.urls import path

from interviewdecider.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("SECRET_KEY leaked? No: this must never reach a visitor")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]
