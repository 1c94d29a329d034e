"""Logging filters for the settings' LOGGING."""

import logging


class ClientFault(logging.Filter):
    """Logs a record as a warning without its traceback: the client caused it,
    and nothing on our side needs mending."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
