"""Finding a session's account in one written-out query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connections, router


class AccountBackend(ModelBackend):
    """Django's ModelBackend, reading the account behind a session with a plain
    query: every page a logged-in person opens reads it, and the ORM took longer
    to build that query than the database to run it. Logging in, permissions
    and the checks on the account are ModelBackend's own."""

    def get_user(self, user_id: object) -> User | None:
        accounts = get_user_model()
        primary_key = accounts._meta.pk
        assert primary_key is not None
        try:
            value = primary_key.to_python(user_id)
        except ValidationError:
            return None
        connection = connections[router.db_for_read(accounts)]
        table = connection.ops.quote_name(accounts._meta.db_table)
        column = connection.ops.quote_name(primary_key.column)
        found = accounts._default_manager.raw(
            f"SELECT * FROM {table} WHERE {column} = %s", [value]
        )
        user: User | None = next(iter(found), None)
        return user if user is not None and self.user_can_authenticate(user) else None
