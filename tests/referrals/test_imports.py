"""Imports and exports of referrals in the admin, as for the other records: an export
imports back unchanged, a file with one bad row is refused whole with a message for
that row, and only the team exports."""

import pytest
import tablib

from referrals.models import Referral
from referrals.resources import ReferralResource
from tests.factories import BeneficiaryFactory, OrganisationFactory

from .helpers import send

pytestmark = pytest.mark.django_db


def exported():
    return ReferralResource().export(queryset=Referral.objects.order_by("pk"))


def test_an_exported_file_imports_back_unchanged():
    spt = OrganisationFactory(name="SPT Kehl", german=True)
    send(BeneficiaryFactory(reference="LR-700001"), spt, shared=("name", "email"))
    # Files hold times to the second.
    Referral.objects.update(sent_at=Referral.objects.get().sent_at.replace(microsecond=0))
    data = exported()
    before = list(Referral.objects.values_list("public_id", "state", "shared_fields", "sent_at"))
    result = ReferralResource().import_data(tablib.Dataset().load(data.csv, format="csv"))
    assert not result.has_errors() and not result.has_validation_errors()
    assert (
        list(Referral.objects.values_list("public_id", "state", "shared_fields", "sent_at"))
        == before
    )


def test_a_file_with_one_bad_row_is_refused_whole():
    spt = OrganisationFactory(name="SPT Kehl", german=True)
    send(BeneficiaryFactory(reference="LR-700002"), spt)
    data = tablib.Dataset().load(exported().csv, format="csv")
    good = list(data[0])
    headers = data.headers
    rows = tablib.Dataset(headers=headers)
    new_good = good.copy()
    new_good[headers.index(_column(headers, "public_id"))] = "6f1e2c8a-0b1d-4b4e-9a57-0c6f8d1e2a10"
    bad = good.copy()
    bad[headers.index(_column(headers, "public_id"))] = "2b0f7a8e-4c3d-4e5f-8a9b-1c2d3e4f5a6b"
    bad[headers.index(_column(headers, "shared_fields"))] = "name,passport"
    rows.append(new_good)
    rows.append(bad)
    result = ReferralResource().import_data(rows, dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    assert Referral.objects.count() == 1


def _column(headers, code):
    """The header of the column `code` (headers are in the staff's language)."""
    from lieu_ressource import import_columns

    names = import_columns.to_code_names(ReferralResource(), headers)
    return headers[names.index(code)]
