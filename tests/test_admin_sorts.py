"""Admin lists over the tables that grow with every sign-up or person followed offer
only the sorts an index serves: a click on any other header would sort hundreds of thousands of rows
(bench/admin_lists.py times every offered sort at scale 250)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.urls import reverse

from beneficiaries.models import Beneficiary, ContactNote, Outcome, Pathway
from events.models import Attendance, Registration
from fse.models import Participation

from . import factories as f

pytestmark = pytest.mark.django_db

# Tables that grow with every sign-up or person followed: at scale 250 (a real
# year), 25,000 to 500,000 rows each.
LARGE = [
    Registration,
    Attendance,
    ContactNote,
    Registration.history.model,
    Attendance.history.model,
    Beneficiary,
    Pathway,
    Outcome,
    Participation,
]


@pytest.fixture
def superuser():
    user = f.UserFactory(superuser=True, username="root")
    # Accounts that see personal data need a second factor to reach the admin.
    TOTP.activate(user, generate_totp_secret())
    return user


def offered_sorts(model, rf, user):
    """(column, ordering field) of each header the changelist lets one click to sort."""
    model_admin = admin.site._registry[model]
    request = rf.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    for name in changelist.list_display:
        ordering = changelist.get_ordering_field(name) if name != "action_checkbox" else None
        offered = changelist.sortable_by is None or name in changelist.sortable_by
        if ordering and offered:
            yield name, ordering.lstrip("-")


def leads_an_index(model, name):
    if name == "pk":
        return True
    field = model._meta.get_field(name)
    if field.primary_key or field.unique or field.db_index:
        return True
    return any(
        index.fields and index.fields[0].lstrip("-") == name for index in model._meta.indexes
    )


def served_by_an_index(model, name):
    """A column's sort is served when its field leads an index; a relation's, when
    the key is indexed and never empty (an outer join would sort every row) and the
    related model's own order leads an index there."""
    field = model._meta.get_field(name)
    if not field.is_relation:
        return leads_an_index(model, name)
    related = field.related_model
    first = (related._meta.ordering or ["pk"])[0].lstrip("-")
    return field.db_index and not field.null and leads_an_index(related, first)


@pytest.mark.parametrize("model", LARGE, ids=lambda model: model._meta.label_lower)
def test_large_lists_offer_only_indexed_sorts(rf, superuser, model):
    sorts = list(offered_sorts(model, rf, superuser))
    assert sorts, "the list offers at least one sort"
    unindexed = [column for column, field in sorts if not served_by_an_index(model, field)]
    assert unindexed == []


def test_registrations_sort_by_name_and_date_not_by_status(rf, superuser):
    columns = {column for column, _field in offered_sorts(Registration, rf, superuser)}
    assert {"full_name", "created_at"} <= columns
    assert not columns & {"status", "email", "organisation_name"}


def test_registration_list_sorted_by_name_lists_them_alphabetically(client, superuser):
    client.force_login(superuser)
    for last_name in ("Zimmer", "Abel", "Moreau"):
        f.RegistrationFactory(last_name=last_name)
    url = reverse("admin:events_registration_changelist")
    # Column 2: the name, after the action checkbox and the event.
    response = client.get(url, {"o": "2"})
    names = [registration.last_name for registration in response.context["cl"].result_list]
    assert names == ["Abel", "Moreau", "Zimmer"]
