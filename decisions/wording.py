"""Marks the sentences the pure modules hold, and translates them where they are used.

`makemessages` finds strings passed to `gettext_noop`. Templates translate
what they display; drafting fills names into sentences, so it translates each
sentence first with `translate`, which the app points at Django's `gettext`
once Django has started. No Django import here.
"""

from collections.abc import Callable


def gettext_noop(message: str) -> str:
    """Return the message unchanged: the mark is for `makemessages` alone."""
    return message


# The installed translation function, if any.
_translators: list[Callable[[str], str]] = []


def install(translator: Callable[[str], str]) -> None:
    """Translate marked sentences with `translator` from now on."""
    _translators[:] = [translator]


def translate(message: str) -> str:
    """The message in the active language, or unchanged before any install."""
    return _translators[0](message) if _translators else message
