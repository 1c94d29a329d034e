"""Database sessions read with one plain query, keeping expiry and integrity checks.

The ORM's model instance around a session row costs more than the query
itself on every page; the row's signed data is all a request needs. Expired
rows are still ignored, and the data is still checked by its signature when
decoded, exactly as Django's own database store does.
"""

from types import SimpleNamespace

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.db import connections, router
from django.utils import timezone
from django.utils.crypto import get_random_string


class SessionStore(db.SessionStore):
    def _get_new_session_key(self) -> str:
        """A new random key, without first asking the database whether it is
        taken: 32 random characters never are, and creating the session's row
        refuses a key that is, so Django's create() simply tries another."""
        return get_random_string(32, VALID_KEY_CHARS)

    def _get_session_from_db(self) -> SimpleNamespace | None:
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} "  # noqa: S608 - the table name is ours
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, timezone.now()],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return SimpleNamespace(session_data=row[0])
