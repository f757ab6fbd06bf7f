"""A person's data rights look them up by address through an index: the self-service
page answers every visitor, and a scan of 500,000 registrations took half a second."""

import pytest
from django.db import connection

from privacy import holdings
from tests.factories import BeneficiaryFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def plan_of(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A few test rows would make a scan as cheap: ask what production would use.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    return plan


def test_every_registration_of_an_address_is_found_through_an_index():
    RegistrationFactory(email="Ada.Martin@example.org", cancelled=True)
    RegistrationFactory(email="ada.martin@example.org")
    found = holdings.registrations_of("ADA.martin@example.org")
    assert found.count() == 2
    assert "registration_email_lower" in plan_of(found)


def test_a_followed_person_is_found_by_address_through_an_index():
    BeneficiaryFactory(email="Ada.Martin@example.org")
    found = holdings.followed_people_of("ada.martin@example.org")
    assert found.count() == 1
    assert "beneficiary_email_lower" in plan_of(found)
