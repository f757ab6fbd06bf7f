"""The receiving partner's pages: a partner referent reads and answers only the
referrals addressed to their organisation, sees only the data the person agreed to
share, and is refused the rest (other referrals, the admin's list, search,
autocomplete, export and history, the person's own record before acceptance)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Referral, SharedField
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import BeneficiaryFactory, OrganisationFactory

from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def spt():
    return OrganisationFactory(name="Service de Placement Transfrontalier", german=True)


@pytest.fixture
def referent(spt):
    return partner_referent(spt, first_name="Jana", last_name="Weber")


@pytest.fixture
def referent_client(client, referent):
    client.force_login(referent)
    return client


@pytest.fixture
def person():
    return BeneficiaryFactory(
        first_name="Léa",
        last_name="Quenouillard",
        email="lea.martin@example.org",
        phone="+33 6 39 98 12 34",
        rsa_recipient=True,
        registered_job_seeker=False,
    )


@pytest.fixture
def ours(person, spt):
    """A referral to the referent's organisation sharing the name and the situation."""
    return send(person, spt, shared=("name", "situation"))


@pytest.fixture
def theirs():
    """A referral to another organisation."""
    return send(BeneficiaryFactory(last_name="Keller"), OrganisationFactory(), shared=("name",))


def detail(referral):
    return reverse("referrals:detail", args=[referral.pk])


def test_referent_lists_only_their_organisations_referrals(referent_client, ours, theirs):
    response = referent_client.get(reverse("referrals:list"))
    assert response.status_code == 200
    assert response.context["referrals"] == [ours]


def test_referent_sees_only_the_shared_fields(referent_client, ours, person):
    response = referent_client.get(detail(ours))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Léa Quenouillard" in content
    assert person.email not in content
    assert person.phone not in content
    assert "1990" not in content  # the birth year is not shared
    labels = [label for label, _value in response.context["shared"]]
    assert labels == [SharedField.NAME.label, SharedField.SITUATION.label]


def test_a_referral_sharing_nothing_shows_only_the_reference(client, spt, person):
    referral = send(person, spt, shared=())
    client.force_login(partner_referent(spt))
    content = client.get(detail(referral)).content.decode()
    assert person.reference in content
    assert "Quenouillard" not in content


def test_referent_gets_404_for_another_organisations_referral(referent_client, theirs):
    assert referent_client.get(detail(theirs)).status_code == 404
    response = referent_client.post(
        detail(theirs), {"decision": "refuse", "refusal_reason": "no_capacity"}
    )
    assert response.status_code == 404
    assert Referral.objects.get(pk=theirs.pk).state == Referral.State.SENT


def test_search_finds_only_their_referrals_and_never_by_a_name_not_shared(
    client, spt, referent_client, ours, theirs
):
    hidden = send(BeneficiaryFactory(last_name="Schwarz"), spt, shared=("situation",))
    url = reverse("referrals:list")
    assert referent_client.get(url, {"q": "Quenouillard"}).context["referrals"] == [ours]
    assert referent_client.get(url, {"q": "Keller"}).context["referrals"] == []
    assert referent_client.get(url, {"q": "Schwarz"}).context["referrals"] == []
    assert referent_client.get(url, {"q": hidden.beneficiary.reference}).context["referrals"] == [
        hidden
    ]


def test_accept_in_one_step_then_record_the_result(referent_client, referent, ours):
    response = referent_client.post(
        detail(ours), {"decision": "accept", "referent": referent.partner_contact.pk}
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.state, ours.receiving_referent) == ("accepted", referent.partner_contact)
    assert ours.transitions.get(step="accepted").by == referent
    today = timezone.localdate()
    response = referent_client.post(detail(ours), {"result": "training", "date": today.isoformat()})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.result, ours.result_date) == ("training", today)


def test_refuse_needs_a_reason_and_keeps_what_was_typed(referent_client, ours):
    response = referent_client.post(detail(ours), {"decision": "refuse", "comment": "Complet"})
    assert response.status_code == 400
    assert "refusal_reason" in response.context["answer_form"].errors
    assert "Complet" in response.content.decode()
    response = referent_client.post(
        detail(ours),
        {"decision": "refuse", "refusal_reason": "no_capacity", "comment": "Complet"},
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.state, ours.refusal_reason, ours.refusal_comment) == (
        "refused",
        "no_capacity",
        "Complet",
    )


def test_accepting_with_a_referent_of_another_organisation_is_refused(
    referent_client, ours, theirs
):
    other_contact = partner_referent(theirs.receiving_organisation).partner_contact
    response = referent_client.post(
        detail(ours), {"decision": "accept", "referent": other_contact.pk}
    )
    assert response.status_code == 400
    assert Referral.objects.get(pk=ours.pk).state == "sent"


def test_accounts_without_a_role_are_refused(client, ours):
    assert client.get(reverse("referrals:list")).status_code == 302  # to the login page
    client.force_login(committee_member())
    assert client.get(reverse("referrals:list")).status_code == 403
    assert client.get(detail(ours)).status_code == 403


def test_staff_see_every_referral(client, ours, theirs):
    client.force_login(staff_member())
    assert set(client.get(reverse("referrals:list")).context["referrals"]) == {ours, theirs}


ADMIN_PAGES = [
    ("admin:referrals_referral_changelist", False),
    ("admin:referrals_referral_change", True),
    ("admin:referrals_referral_history", True),
    ("admin:referrals_referral_export", False),
    ("admin:referrals_referral_import", False),
    ("admin:referrals_referral_add", False),
    ("admin:referrals_following_changelist", False),
]


@pytest.mark.parametrize("name,with_pk", ADMIN_PAGES)
def test_referent_is_refused_every_admin_page_of_referrals(referent_client, ours, name, with_pk):
    url = reverse(name, args=[ours.pk] if with_pk else [])
    assert referent_client.get(url).status_code in (403, 404)
    assert referent_client.get(url, {"q": "Quenouillard"}).status_code in (403, 404)


def test_referent_cannot_reach_referrals_through_autocomplete(referent_client, ours):
    response = referent_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "referrals", "model_name": "following", "field_name": "referral", "term": ""},
    )
    assert response.status_code in (403, 404)


def test_referent_does_not_reach_the_person_before_accepting(referent_client, ours, person):
    # Neither the person's page, nor the admin's search, autocomplete or history.
    assert referent_client.get(reverse("beneficiaries:person", args=[person.pk])).status_code == 404
    response = referent_client.get(
        reverse("admin:beneficiaries_beneficiary_changelist"), {"q": "Quenouillard"}
    )
    assert person not in response.context["cl"].result_list
    response = referent_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "beneficiaries",
            "model_name": "pathway",
            "field_name": "beneficiary",
            "term": "Quenouillard",
        },
    )
    assert response.json()["results"] == []
    history = reverse("admin:beneficiaries_beneficiary_history", args=[person.pk])
    assert referent_client.get(history).status_code == 404


def test_staff_send_a_referral_from_the_admin(
    client, spt, person, django_capture_on_commit_callbacks
):
    from django.core import mail

    staff = staff_member()
    client.force_login(staff)
    spt.contacts.create(first_name="Jana", last_name="Weber", email="jana@example.de")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:referrals_referral_add"),
            {
                "beneficiary": person.pk,
                "receiving_organisation": spt.pk,
                "reason": "Projet en Allemagne",
                "looking_for": "Un emploi de cariste",
                "consent_at_0": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
                "consent_at_1": "10:00",
                "shared_fields": ["name", "email"],
            },
        )
    assert response.status_code == 302, response.context and response.context["adminform"].errors
    referral = Referral.objects.get()
    assert (referral.sent_by, referral.shared_fields) == (staff, ["name", "email"])
    assert mail.outbox[0].to == ["jana@example.de"]
    assert "Vermittlung" in mail.outbox[0].subject


def test_staff_open_the_admin_list_change_history_and_export(client, ours, theirs):
    client.force_login(staff_member())
    response = client.get(reverse("admin:referrals_referral_changelist"), {"state": "sent"})
    assert set(response.context["cl"].result_list) == {ours, theirs}
    for name in ("admin:referrals_referral_change", "admin:referrals_referral_history"):
        assert client.get(reverse(name, args=[ours.pk])).status_code == 200
    assert client.get(reverse("admin:referrals_referral_export")).status_code == 200


@pytest.mark.parametrize(
    "age,expected", [("week", {"new"}), ("month", {"mid"}), ("older", {"old"})]
)
def test_admin_filters_by_age(client, spt, age, expected):
    now = timezone.now()
    made = {
        "new": send(organisation=spt, now=now - datetime.timedelta(days=2)),
        "mid": send(organisation=spt, now=now - datetime.timedelta(days=12)),
        "old": send(organisation=spt, now=now - datetime.timedelta(days=40)),
    }
    client.force_login(staff_member())
    response = client.get(reverse("admin:referrals_referral_changelist"), {"age": age})
    found = set(response.context["cl"].result_list)
    assert found == {made[key] for key in expected}


@pytest.mark.parametrize("n", [2, 10])
def test_referral_lists_query_counts_do_not_grow(
    client, spt, referent, n, django_assert_max_num_queries
):
    for _ in range(n):
        send(organisation=spt, shared=("name",))
    client.force_login(referent)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("referrals:list"))
    assert len(response.context["referrals"]) == n
    with django_assert_max_num_queries(14):
        response = client.get(reverse("referrals:list"), {"q": "LR"})
    assert len(response.context["referrals"]) == n
    client.force_login(staff_member())
    with django_assert_max_num_queries(20):
        response = client.get(reverse("admin:referrals_referral_changelist"))
    assert len(response.context["cl"].result_list) == n


def test_the_person_page_offers_the_team_to_refer_the_person(client, person, referent):
    url = reverse("beneficiaries:person", args=[person.pk])
    add = reverse("admin:referrals_referral_add") + f"?beneficiary={person.pk}"
    client.force_login(staff_member())
    assert add in client.get(url).content.decode()
    response = client.get(add)
    assert response.context["adminform"].form.initial["beneficiary"] == str(person.pk)
