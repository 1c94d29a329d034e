"""decisions/models.py: finding a decision by id and owner, and by share link."""

import uuid

import pytest

from django.contrib.auth.models import User

from decisions import writes
from decisions.models import Decision, Owner
from tests.answers import DECLINE_ANSWERS

pytestmark = pytest.mark.django_db

BROWSER = Owner(browser_id="a-browser")


@pytest.fixture
def decision() -> Decision:
    decision = Decision.objects.create(
        browser_id="a-browser", answers=dict(DECLINE_ANSWERS), role_title="Baker"
    )
    writes.complete(decision)
    return decision


def test_its_owner_finds_it_and_nobody_else_does(decision):
    assert Decision.objects.owned_one(BROWSER, decision.pk) == decision
    for other in (Owner(browser_id="another"), Owner(), Owner(user=User())):
        assert Decision.objects.owned_one(other, decision.pk) is None
    assert Decision.objects.owned_one(BROWSER, uuid.uuid4()) is None


def test_an_account_finds_only_its_own(decision):
    account = User.objects.create_user("ada")
    decision.user = account
    decision.save()
    assert Decision.objects.owned_one(Owner(user=account), decision.pk) == decision
    assert Decision.objects.owned_one(BROWSER, decision.pk) is None


def test_only_the_columns_asked_for_are_read_and_the_rest_load_when_used(
    decision, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = Decision.objects.owned_one(BROWSER, decision.pk, columns=("answers",))
        assert found.answers == DECLINE_ANSWERS
    with django_assert_num_queries(1):
        assert found.role_title == "Baker"


def test_the_share_link_comes_with_it_while_it_works(decision):
    assert (
        Decision.objects.owned_one(
            BROWSER, decision.pk, with_share_link=True
        ).live_share_link()
        is None
    )
    link = writes.create_share_link(decision, include_company=True)
    found = Decision.objects.owned_one(BROWSER, decision.pk, with_share_link=True)
    assert found.live_share_link().token == link.token
    assert found.live_share_link().include_company is True
    assert Decision.objects.shared_by(link.token) == decision
    writes.revoke_share_links(decision)
    assert Decision.objects.shared_by(link.token) is None
    assert (
        Decision.objects.owned_one(
            BROWSER, decision.pk, with_share_link=True
        ).live_share_link()
        is None
    )


def test_each_column_reads_as_the_orm_reads_it(decision):
    found = Decision.objects.owned_one(BROWSER, decision.pk)
    through_the_orm = Decision.objects.get(pk=decision.pk)
    for field in Decision._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(
            through_the_orm, field.attname
        ), field.name
    assert found.updated_at.tzinfo is not None
    assert isinstance(found.details_given, bool)
    assert isinstance(found.verdict, dict)


def test_some_columns_read_as_the_orm_reads_them(decision):
    columns = ("answers", "details_given", "status", "updated_at", "rules_version")
    found = Decision.objects.owned_one(BROWSER, decision.pk, columns=columns)
    assert found.get_deferred_fields() >= {"verdict", "role_title"}
    through_the_orm = Decision.objects.get(pk=decision.pk)
    for name in ("id", *columns):
        assert getattr(found, name) == getattr(through_the_orm, name), name
