"""The running API keeps the contract it publishes, checked by Schemathesis.

Schemathesis reads /api/v1/openapi.json from real gunicorn and sends every
operation the examples, boundary cases and generated requests it can make of the
document, valid and invalid, then checks each answer: no server error, a
documented status code, content type, headers and body, invalid input refused,
a method the address doesn't take refused with a 405 that says which it does.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from decisions import writes
from decisions.models import Decision
from tests.conftest import DECLINE_ANSWERS
from tests.servers import gunicorn, production_env

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
# Cases per operation in the generated phase; the coverage phase adds its own.
# CI replays the same cases every run; elsewhere each run tries new ones.
EXAMPLES = 1000
# The details form refuses more than the document can say (control characters,
# more than ten words, dates outside 2000-2099), so a request the document allows
# may still get a 400: that check can't hold, every other one does.
EXCLUDED_CHECKS = "positive_data_acceptance"

CONFIG = """
[dictionaries.tokens]
values = ["{token}"]

[parameters]
"path.token" = {{ dictionary = "tokens", probability = 0.5 }}
"""


@pytest.fixture
def shared_token() -> str:
    """A live share link, so the shared operation is answered with a 200 too."""
    decision = Decision.objects.create(answers=dict(DECLINE_ANSWERS))
    writes.complete(decision)
    return writes.create_share_link(decision, include_company=True).token


def test_the_api_keeps_its_published_contract(
    django_db_blocker, shared_token, tmp_path
):
    """Schemathesis finds no failure in any operation of the OpenAPI document."""
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG.format(token=shared_token))
    with (
        django_db_blocker.unblock(),
        gunicorn(production_env(DJANGO_HTTPS="0")) as (
            base_url,
            _process,
        ),
    ):
        result = subprocess.run(
            [
                str(SCHEMATHESIS),
                "--config-file",
                str(config),
                "run",
                f"{base_url}/api/v1/openapi.json",
                "--checks",
                "all",
                "--exclude-checks",
                EXCLUDED_CHECKS,
                "--mode",
                "all",
                "--max-examples",
                str(EXAMPLES),
                *(["--seed", "15"] if os.environ.get("CI") else []),
                "--generation-database",
                "none",
                "--no-color",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert result.returncode == 0, result.stdout + result.stderr
