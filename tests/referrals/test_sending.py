"""A partner referent refers a person they follow from their portal page: the
referral goes through the service (email, history, figures), with the person's
consent and only the data they may pass on; anyone else is refused."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from indicators.metrics import get_metric
from indicators.quarters import Quarter
from referrals import services
from referrals.models import Referral, ReferralTransition
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import BeneficiaryFactory, ContactFactory, OrganisationFactory, UserFactory

from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission_locale():
    return OrganisationFactory(name="Mission locale Test")


@pytest.fixture
def spt():
    organisation = OrganisationFactory(name="SPT Kehl (Test)", german=True)
    ContactFactory(organisation=organisation, email="spt@example.de")
    return organisation


@pytest.fixture
def agentur():
    organisation = OrganisationFactory(name="Arbeitsagentur Lahr (Test)", german=True)
    ContactFactory(organisation=organisation, email="agentur@example.de")
    return organisation


@pytest.fixture
def person(mission_locale):
    """In the Mission locale's own caseload."""
    return BeneficiaryFactory(referring_organisation=mission_locale, last_name="Quenouillard")


@pytest.fixture
def ml_referent(mission_locale):
    return partner_referent(mission_locale)


@pytest.fixture
def spt_referent(spt):
    return partner_referent(spt)


def refer_url(person):
    return reverse("referrals:refer", args=[person.pk])


def post_data(organisation, **overrides):
    data = {
        "receiving_organisation": organisation.pk,
        "reason": "Projet de travail en Allemagne",
        "looking_for": "Un poste de soudeur à Kehl",
        "shared_fields": ["name", "email"],
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_partner_refers_a_person_of_its_caseload(
    client, person, ml_referent, spt, django_capture_on_commit_callbacks
):
    client.force_login(ml_referent)
    page = client.get(refer_url(person))
    assert page.status_code == 200
    offered = list(page.context["form"].fields["receiving_organisation"].queryset)
    assert spt in offered
    assert ml_referent.partner_contact.organisation not in offered

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(refer_url(person), post_data(spt))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:timeline", args=[person.pk])

    referral = Referral.objects.get(beneficiary=person)
    assert referral.receiving_organisation == spt
    assert referral.sending_organisation == ml_referent.partner_contact.organisation
    assert referral.sent_by == ml_referent
    assert referral.state == Referral.State.SENT
    assert referral.shared_fields == ["name", "email"]
    assert referral.reason == "Projet de travail en Allemagne"
    assert referral.looking_for == "Un poste de soudeur à Kehl"
    assert before <= referral.consent_at <= referral.sent_at
    assert list(referral.transitions.values_list("step", "channel", "by")) == [
        (ReferralTransition.Step.SENT, ReferralTransition.Channel.PORTAL, ml_referent.pk)
    ]
    # The arrival email, to the SPT in German, without the person's name.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["spt@example.de"]
    assert mail.outbox[0].subject == "Eine Vermittlung für Ihre Organisation: SPT Kehl (Test)"
    assert "Quenouillard" not in mail.outbox[0].body
    assert "Mission locale Test vermittelt eine Person an SPT Kehl (Test)" in mail.outbox[0].body
    # Counted like a referral sent by the team, and in the SPT's portal list.
    quarter = Quarter.containing(timezone.localdate(referral.sent_at))
    assert get_metric("referrals_sent")(quarter).value == 1
    client.force_login(partner_referent(spt))
    assert client.get(reverse("referrals:list")).context["referrals"] == [referral]


def test_a_follower_refers_onwards_with_no_more_than_was_shared_with_it(
    client, person, spt, spt_referent, agentur
):
    referral = send(person, spt, shared=("name", "situation"))
    services.accept_referral(referral, spt_referent.partner_contact, channel="portal")
    client.force_login(spt_referent)

    page = client.get(refer_url(person))
    assert page.status_code == 200
    choices = [value for value, _label in page.context["form"].fields["shared_fields"].choices]
    assert choices == ["name", "situation"]

    # The email was never shared with the SPT: it cannot pass it on.
    refused = client.post(refer_url(person), post_data(agentur, shared_fields=["name", "email"]))
    assert refused.status_code == 400
    assert "shared_fields" in refused.context["form"].errors
    assert not Referral.objects.filter(receiving_organisation=agentur).exists()

    response = client.post(refer_url(person), post_data(agentur, shared_fields=["situation"]))
    assert response.status_code == 302
    onwards = Referral.objects.get(receiving_organisation=agentur)
    assert onwards.sending_organisation == spt
    assert onwards.shared_fields == ["situation"]


def test_the_link_is_on_the_person_page_and_the_followers_timeline(
    client, person, ml_referent, spt, spt_referent
):
    client.force_login(ml_referent)
    page = client.get(reverse("beneficiaries:person", args=[person.pk])).content.decode()
    assert f'href="{refer_url(person)}"' in page

    services.accept_referral(send(person, spt), spt_referent.partner_contact, channel="portal")
    client.force_login(spt_referent)
    timeline = client.get(reverse("referrals:timeline", args=[person.pk])).content.decode()
    assert f'href="{refer_url(person)}"' in timeline


def test_the_team_refers_as_the_centre(client, person, spt):
    client.force_login(staff_member())
    assert client.post(refer_url(person), post_data(spt)).status_code == 302
    assert Referral.objects.get().sending_organisation is None


def test_a_person_not_followed_is_not_found(client, spt, agentur):
    stranger = BeneficiaryFactory(referring_organisation=OrganisationFactory())
    client.force_login(partner_referent(spt))
    assert client.get(refer_url(stranger)).status_code == 404
    assert client.post(refer_url(stranger), post_data(agentur)).status_code == 404
    assert not Referral.objects.exists()


def test_a_follower_that_stopped_following_is_refused(client, person, spt, spt_referent, agentur):
    services.accept_referral(send(person, spt), spt_referent.partner_contact, channel="portal")
    services.stop_following(person.followings.get(organisation=spt), timezone.localdate())
    client.force_login(spt_referent)
    assert client.get(refer_url(person)).status_code == 404
    assert client.post(refer_url(person), post_data(agentur)).status_code == 404
    assert not Referral.objects.filter(receiving_organisation=agentur).exists()


def test_a_referral_still_unanswered_does_not_open_the_person(client, person, spt, agentur):
    """Receiving a referral is not following the person: only accepting it is."""
    send(person, spt)
    client.force_login(partner_referent(spt))
    assert client.get(refer_url(person)).status_code == 404
    assert client.post(refer_url(person), post_data(agentur)).status_code == 404


def test_an_anonymised_person_cannot_be_referred(client, person, ml_referent, spt):
    person.anonymised_at = timezone.now()
    person.save(update_fields=["anonymised_at"])
    client.force_login(ml_referent)
    assert client.get(refer_url(person)).status_code == 404
    assert client.post(refer_url(person), post_data(spt)).status_code == 404


@pytest.mark.parametrize("account", ["committee", "no role"])
def test_accounts_without_a_follow_up_role_are_forbidden(client, person, spt, account):
    user = committee_member() if account == "committee" else UserFactory()
    client.force_login(user)
    assert client.get(refer_url(person)).status_code == 403
    assert client.post(refer_url(person), post_data(spt)).status_code == 403
    assert not Referral.objects.exists()


def test_visitors_are_sent_to_the_login_page(client, person, spt):
    response = client.post(refer_url(person), post_data(spt))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Referral.objects.exists()


def test_its_own_organisation_cannot_receive_the_referral(
    client, person, mission_locale, ml_referent, django_capture_on_commit_callbacks
):
    ContactFactory(organisation=mission_locale, email="ml@example.fr")
    client.force_login(ml_referent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(refer_url(person), post_data(mission_locale))
    assert response.status_code == 400
    assert "receiving_organisation" in response.context["form"].errors
    assert not Referral.objects.exists()
    assert mail.outbox == []


def test_an_employer_or_a_former_partner_is_not_offered(client, person, ml_referent):
    company = OrganisationFactory(company=True)
    former = OrganisationFactory(active_until=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(ml_referent)
    offered = client.get(refer_url(person)).context["form"].fields["receiving_organisation"]
    assert company not in offered.queryset and former not in offered.queryset
    assert client.post(refer_url(person), post_data(company)).status_code == 400
    assert not Referral.objects.exists()


def test_without_consent_nothing_is_sent_and_the_errors_come_first(
    client, person, ml_referent, spt
):
    client.force_login(ml_referent)
    response = client.post(refer_url(person), post_data(spt, consent=None, looking_for=""))
    assert response.status_code == 400
    assert not Referral.objects.exists()
    assert mail.outbox == []
    content = response.content.decode()
    # The summary is focused and its items lead to the fields; what was typed stays.
    assert 'id="errors" role="alert" tabindex="-1" autofocus' in content
    assert 'href="#id_consent"' in content and 'href="#id_looking_for"' in content
    assert "Projet de travail en Allemagne" in content
    assert response.context["form"]["shared_fields"].value() == ["name", "email"]
    assert 'value="email" id="id_shared_fields_1" checked' in content
    assert "<title>Erreur" in content


def test_a_second_referral_to_the_same_organisation_waits_for_the_first(
    client, person, ml_referent, spt
):
    send(person, spt)
    client.force_login(ml_referent)
    response = client.post(refer_url(person), post_data(spt))
    assert response.status_code == 400
    assert "receiving_organisation" in response.context["form"].errors
    assert Referral.objects.filter(beneficiary=person).count() == 1


def test_the_form_page_query_count_does_not_grow(
    client, person, ml_referent, spt, django_assert_max_num_queries
):
    client.force_login(ml_referent)
    url = refer_url(person)
    client.get(url)

    def add_rows():
        organisation = OrganisationFactory()
        ContactFactory(organisation=organisation)
        referral = send(person, organisation)
        services.accept_referral(
            referral, ContactFactory(organisation=organisation), by=None, channel="portal"
        )

    add_rows()
    with django_assert_max_num_queries(25) as few:
        first = client.get(url)
    assert first.status_code == 200
    offered = len(first.context["form"].fields["receiving_organisation"].choices)
    for _ in range(8):
        add_rows()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["form"].fields["receiving_organisation"].choices) == offered + 8


@pytest.mark.parametrize(
    ("language", "button", "consent"),
    [
        ("fr", "Envoyer l'orientation", "La personne a donné son accord"),
        ("de", "Vermittlung senden", "Die Person hat dieser Vermittlung"),
    ],
)
def test_the_form_speaks_the_staff_language(client, person, ml_referent, language, button, consent):
    client.force_login(ml_referent)
    client.cookies["django_language"] = language
    content = client.get(refer_url(person)).content.decode()
    assert f'<html lang="{language}">' in content
    assert button in content.replace("&#x27;", "'")
    assert consent in content


def test_the_service_refuses_a_second_referral_awaiting_an_answer(person, spt, agentur):
    first = send(person, spt)
    with pytest.raises(services.ReferralError):
        send(person, spt)
    send(person, agentur)  # another organisation: fine
    services.refuse_referral(first, "no_capacity", channel="portal")
    assert send(person, spt).state == Referral.State.SENT  # answered: it may be sent again
    assert Referral.objects.filter(beneficiary=person, receiving_organisation=spt).count() == 2


def test_the_admin_add_form_says_a_referral_already_awaits_an_answer(client, person, spt):
    send(person, spt)
    client.force_login(staff_member())
    response = client.post(
        reverse("admin:referrals_referral_add"),
        {
            "beneficiary": person.pk,
            "receiving_organisation": spt.pk,
            "reason": "Projet en Allemagne",
            "looking_for": "Un emploi de cariste",
            "consent_at_0": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "consent_at_1": "10:00",
        },
    )
    assert response.status_code == 200
    assert "receiving_organisation" in response.context["adminform"].form.errors
    assert Referral.objects.filter(beneficiary=person).count() == 1
