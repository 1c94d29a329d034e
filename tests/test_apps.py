"""decisions/apps.py: cheaper translation lookups that translate the same."""

from django.conf import settings
from django.utils.translation import gettext, trans_real

from decisions.apps import drop_empty_fallbacks


def chain(catalogue) -> list:
    found = []
    while (catalogue := catalogue._fallback) is not None:
        found.append(catalogue)
    return found


def test_the_sites_language_keeps_no_catalogue_that_translates_nothing():
    for fallback in chain(trans_real.translation(settings.LANGUAGE_CODE)):
        assert set(fallback._catalog) - {""}


def test_every_message_translates_as_before():
    unpruned = trans_real.DjangoTranslation(settings.LANGUAGE_CODE)
    assert chain(unpruned), "Django chains English catalogues behind British English"
    messages = {
        message
        for catalogue in [unpruned, *chain(unpruned)]
        for message, _ in catalogue._catalog.items()
        if isinstance(message, str) and message
    }
    assert len(messages) > 300
    translated_before = {message: unpruned.gettext(message) for message in messages}
    drop_empty_fallbacks(settings.LANGUAGE_CODE)
    pruned = trans_real.translation(settings.LANGUAGE_CODE)
    assert {m: pruned.gettext(m) for m in messages} == translated_before
    assert gettext("Your email") == "Your email"
