"""The quarter's referrals on the team's dashboard, in queries that do not grow with
the number of referrals."""

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals import services
from tests.accounts import staff_member
from tests.factories import OrganisationFactory

from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [1, 6])
def test_dashboard_shows_the_quarters_referrals_in_constant_queries(
    client, n, django_assert_max_num_queries
):
    spt = OrganisationFactory(name="SPT Kehl", german=True)
    for i in range(n):
        referral = send(organisation=spt if i % 2 else OrganisationFactory())
        if i % 3 == 0:
            services.refuse_referral(referral, "no_capacity", channel="portal")
    client.force_login(staff_member())
    with django_assert_max_num_queries(15):
        response = client.get(reverse("staff_dashboard"))
    figures = response.context["referrals"]
    assert sum(row["sent"] for row in figures["by_organisation"]) == n
    assert sum(row["sent"] for row in figures["by_country"]) == n
    refused = len(range(0, n, 3))
    assert [n for _label, n in figures["refusals"]] == [refused]
    assert figures["median_days"] is not None
    page = response.content.decode()
    assert "Orientations vers les partenaires" in page
    assert timezone.localdate().year == figures["quarter"].year
