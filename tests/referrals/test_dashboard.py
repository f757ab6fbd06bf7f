"""The quarter's referrals on the team's dashboard, in queries that do not grow with
the number of referrals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals import services
from tests.accounts import staff_member
from tests.factories import OrganisationFactory

from .helpers import send

pytestmark = pytest.mark.django_db


def add_referrals(n, spt):
    for i in range(n):
        referral = send(organisation=spt if i % 2 else OrganisationFactory())
        if i % 3 == 0:
            services.refuse_referral(referral, "no_capacity", channel="portal")


def test_dashboard_shows_the_quarters_referrals_in_constant_queries(client):
    spt = OrganisationFactory(name="SPT Kehl", german=True)
    client.force_login(staff_member())
    add_referrals(1, spt)
    client.get(reverse("staff_dashboard"))  # caches filled once
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("staff_dashboard"))
    add_referrals(6, spt)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("staff_dashboard"))
    assert len(many.captured_queries) == len(few.captured_queries)
    reads = [q for q in many.captured_queries if "referrals_referral" in q["sql"]]
    assert len(reads) == 3
    figures = response.context["referrals"]
    assert sum(row["sent"] for row in figures["by_organisation"]) == 7
    assert sum(row["sent"] for row in figures["by_country"]) == 7
    assert [n for _label, n in figures["refusals"]] == [
        3
    ]  # one of the first batch, two of the second
    assert figures["median_days"] is not None
    assert "Orientations vers les partenaires" in response.content.decode()
