"""App set-up: translation for the pure modules once Django has started."""

from django.apps import AppConfig
from django.utils.translation import gettext


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = "Decisions"

    def ready(self) -> None:
        from decisions import wording

        wording.install(gettext)
