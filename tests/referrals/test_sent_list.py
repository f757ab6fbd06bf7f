"""The sent side of the referrals: a partner referent lists the referrals their
organisation sent, the team those the centre sent, with the answer and the result
of each, and no more of the person or of the receiver's notes than the sender may
see; anyone else is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals import selectors, services, views
from referrals.models import Referral
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import BeneficiaryFactory, ContactFactory, OrganisationFactory, UserFactory

from .helpers import send

pytestmark = pytest.mark.django_db

SENT_URL = reverse("referrals:sent")
COMMENT = "Mme Quenouillard nous a dit être en arrêt maladie"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def mission_locale():
    return OrganisationFactory(name="Mission locale Test")


@pytest.fixture
def spt():
    organisation = OrganisationFactory(name="SPT Kehl (Test)", german=True)
    ContactFactory(organisation=organisation)
    return organisation


@pytest.fixture
def agentur():
    organisation = OrganisationFactory(name="Arbeitsagentur Lahr (Test)", german=True)
    ContactFactory(organisation=organisation)
    return organisation


@pytest.fixture
def ml_referent(mission_locale):
    return partner_referent(mission_locale)


@pytest.fixture
def person(mission_locale):
    """In the Mission locale's own caseload."""
    return BeneficiaryFactory(
        referring_organisation=mission_locale,
        first_name="Léa",
        last_name="Quenouillard",
        email="lea.quenouillard@example.org",
        reference="LR-77001",
    )


def ml_sends(person, organisation, mission_locale, days):
    return send(person, organisation, sending_organisation=mission_locale, now=days_ago(days))


def login(client, user, language=None):
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


# What a partner sees


def test_a_partner_lists_what_its_organisation_sent_newest_first(
    client, person, mission_locale, ml_referent, spt, agentur
):
    older = ml_sends(person, spt, mission_locale, days=9)
    newer = ml_sends(person, agentur, mission_locale, days=2)
    response = login(client, ml_referent).get(SENT_URL)
    assert response.status_code == 200
    assert response.context["referrals"] == [newer, older]
    content = response.content.decode()
    timeline = reverse("referrals:timeline", args=[person.pk])
    assert content.count(f'href="{timeline}"') == 2
    assert "Personne LR-77001" in content
    assert "Vers SPT Kehl (Test)" in content
    assert "Vers Arbeitsagentur Lahr (Test)" in content
    assert "Orientations envoyées par Mission locale Test" in content


def test_a_partner_never_sees_what_another_organisation_or_the_centre_sent(
    client, person, mission_locale, ml_referent, spt, agentur
):
    ours = ml_sends(person, spt, mission_locale, days=3)
    other = OrganisationFactory(name="Association Voisine")
    send(BeneficiaryFactory(referring_organisation=other), agentur, sending_organisation=other)
    send(BeneficiaryFactory(), agentur)  # sent by the centre
    response = login(client, ml_referent).get(SENT_URL)
    assert response.context["referrals"] == [ours]
    assert "Association Voisine" not in response.content.decode()


def test_the_receiver_does_not_find_the_referral_among_its_sent_ones(
    client, person, mission_locale, spt
):
    referral = ml_sends(person, spt, mission_locale, days=1)
    client = login(client, partner_referent(spt))
    assert client.get(SENT_URL).context["referrals"] == []
    assert client.get(reverse("referrals:list")).context["referrals"] == [referral]


def test_rows_show_the_answer_its_date_the_reason_and_the_result(
    client, person, mission_locale, ml_referent, spt, agentur
):
    today = timezone.localdate()
    accepted = ml_sends(person, spt, mission_locale, days=6)
    services.accept_referral(accepted, ContactFactory(organisation=spt), channel="portal")
    services.record_result(accepted, "job", today, channel="portal")
    refused = ml_sends(person, agentur, mission_locale, days=5)
    services.refuse_referral(refused, "not_eligible", COMMENT, channel="portal")
    waiting = ml_sends(
        BeneficiaryFactory(referring_organisation=mission_locale), spt, mission_locale, 4
    )
    content = login(client, ml_referent).get(SENT_URL).content.decode()
    short = f"{today:%d/%m/%Y}"
    assert f"acceptée le {short}" in content
    assert f"Résultat : Emploi ({short})" in content
    assert f"refusée le {short}" in content
    assert "Motif du refus : La personne n’est pas éligible" in content
    expires = timezone.localdate(waiting.expires_at)
    assert f"en attente de réponse jusqu'au {expires:%d/%m/%Y}" in content


def test_an_expired_referral_says_when_it_expired(client, person, mission_locale, ml_referent, spt):
    referral = ml_sends(person, spt, mission_locale, days=40)
    services.expire_due(now=referral.expires_at)
    content = login(client, ml_referent).get(SENT_URL).content.decode()
    assert f"expirée le {timezone.localdate(referral.expires_at):%d/%m/%Y} sans réponse" in content


def test_the_receivers_comment_and_the_persons_data_stay_out(
    client, person, mission_locale, ml_referent, spt
):
    """The sender gets the reason from the fixed list; the free-text comment is typed
    for the centre, and the person's name and email are not needed in a list."""
    referral = ml_sends(person, spt, mission_locale, days=2)
    referent = ContactFactory(organisation=spt, first_name="Jana", last_name="Wunderlich")
    services.refuse_referral(referral, "no_capacity", COMMENT, by_contact=referent, channel="link")
    response = login(client, ml_referent).get(SENT_URL)
    content = response.content.decode()
    assert "Pas de place pour le moment" in content
    assert "arrêt maladie" not in content
    assert "Quenouillard" not in content
    assert person.email not in content
    assert "Wunderlich" not in content
    # Not even read from the database.
    assert "refusal_comment" in response.context["referrals"][0].get_deferred_fields()


def test_a_person_no_longer_followed_is_listed_without_a_link(
    client, person, mission_locale, spt, agentur
):
    """The SPT accepted the person, referred them onwards, then stopped following
    them: it keeps the row, not the way into the person's timeline."""
    spt_referent = partner_referent(spt)
    services.accept_referral(
        ml_sends(person, spt, mission_locale, days=8),
        spt_referent.partner_contact,
        channel="portal",
    )
    onwards = send(person, agentur, sending_organisation=spt, now=days_ago(3))
    services.stop_following(person.followings.get(organisation=spt), timezone.localdate())
    response = login(client, spt_referent).get(SENT_URL)
    assert response.context["referrals"] == [onwards]
    content = response.content.decode()
    assert "Personne LR-77001" in content
    assert reverse("referrals:timeline", args=[person.pk]) not in content


# What the team sees


def test_the_team_lists_what_the_centre_sent(client, person, mission_locale, spt, agentur):
    by_centre = send(person, agentur, now=days_ago(1))
    ml_sends(person, spt, mission_locale, days=2)
    response = login(client, staff_member()).get(SENT_URL)
    assert response.status_code == 200
    assert response.context["referrals"] == [by_centre]
    content = response.content.decode()
    assert "Orientations envoyées par le Lieu ressource" in content
    assert f'href="{reverse("referrals:timeline", args=[person.pk])}"' in content


def test_what_the_team_sends_from_the_portal_shows_on_its_sent_list(client, person, spt):
    client = login(client, staff_member())
    client.post(
        reverse("referrals:refer", args=[person.pk]),
        {
            "receiving_organisation": spt.pk,
            "reason": "Projet de travail en Allemagne",
            "looking_for": "Un poste de soudeur à Kehl",
            "consent": "on",
        },
    )
    assert client.get(SENT_URL).context["referrals"] == [Referral.objects.get()]


# Refusals


def test_visitors_are_sent_to_the_login_page(client):
    response = client.get(SENT_URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("account", ["committee", "no role"])
def test_accounts_without_a_follow_up_role_are_forbidden(client, account):
    user = committee_member() if account == "committee" else UserFactory()
    assert login(client, user).get(SENT_URL).status_code == 403


# Filter and pages


def test_the_state_filter_keeps_only_that_state(
    client, person, mission_locale, ml_referent, spt, agentur
):
    refused = ml_sends(person, spt, mission_locale, days=3)
    services.refuse_referral(refused, "out_of_area", channel="portal")
    ml_sends(person, agentur, mission_locale, days=2)
    client = login(client, ml_referent)
    assert client.get(SENT_URL, {"state": "refused"}).context["referrals"] == [refused]
    assert len(client.get(SENT_URL, {"state": ""}).context["referrals"]) == 2
    # A state that does not exist shows every referral, with the form's error.
    response = client.get(SENT_URL, {"state": "lost"})
    assert len(response.context["referrals"]) == 2
    assert response.context["filters"].errors


def test_pages_follow_each_other_and_keep_the_state(
    client, mission_locale, ml_referent, spt, monkeypatch
):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    made = [
        ml_sends(BeneficiaryFactory(referring_organisation=mission_locale), spt, mission_locale, d)
        for d in range(5, 0, -1)
    ]
    newest_first = made[::-1]
    client = login(client, ml_referent)
    first = client.get(SENT_URL, {"state": "sent"})
    assert first.context["referrals"] == newest_first[:2]
    content = first.content.decode()
    assert 'href="?page=2&amp;state=sent"' in content
    assert "Page 1 sur 3" in content
    last = client.get(SENT_URL, {"state": "sent", "page": 3})
    assert last.context["referrals"] == newest_first[4:]
    assert 'href="?page=2&amp;state=sent"' in last.content.decode()
    # A page out of range shows the last one.
    assert client.get(SENT_URL, {"page": 99}).context["referrals"] == newest_first[4:]


def test_the_list_is_empty_for_an_organisation_that_sent_nothing(client, ml_referent):
    response = login(client, ml_referent).get(SENT_URL)
    assert response.context["referrals"] == []
    assert "Aucune orientation envoyée." in response.content.decode()


# Tabs, languages


def test_tabs_lead_from_one_list_to_the_other(client, ml_referent):
    client = login(client, ml_referent)
    received = client.get(reverse("referrals:list")).content.decode()
    assert f'<a href="{reverse("referrals:list")}" aria-current="page">Reçues</a>' in received
    assert f'<a href="{SENT_URL}">Envoyées</a>' in received
    sent = client.get(SENT_URL).content.decode()
    assert f'<a href="{reverse("referrals:list")}">Reçues</a>' in sent
    assert f'<a href="{SENT_URL}" aria-current="page">Envoyées</a>' in sent
    # The staff menu's "Referrals" stays the current item on either tab.
    assert f'<a href="{reverse("referrals:list")}" aria-current="page">Orientations</a>' in sent


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "fr",
            [
                "<title>Orientations envoyées –",
                ">Reçues</a>",
                ">Envoyées</a>",
                "Orientations envoyées par Mission locale Test, et ce qu'elles sont devenues.",
                "Vers SPT Kehl (Test)",
                "envoyée le {sent:%d/%m/%Y}",
                "refusée le {today:%d/%m/%Y}",
                "Motif du refus : Pas de place pour le moment",
            ],
        ),
        (
            "de",
            [
                "<title>Gesendete Vermittlungen –",
                ">Eingegangen</a>",
                ">Gesendet</a>",
                "Von Mission locale Test gesendete Vermittlungen und was aus ihnen wurde.",
                "An SPT Kehl (Test)",
                "gesendet am {sent:%d.%m.%Y}",
                "abgelehnt am {today:%d.%m.%Y}",
                "Ablehnungsgrund: Derzeit keine Kapazität",
            ],
        ),
    ],
)
def test_the_page_speaks_the_staff_language(
    client, person, mission_locale, ml_referent, spt, language, texts
):
    referral = ml_sends(person, spt, mission_locale, days=3)
    services.refuse_referral(referral, "no_capacity", channel="portal")
    response = login(client, ml_referent, language).get(SENT_URL)
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    dates = {"sent": timezone.localdate(referral.sent_at), "today": timezone.localdate()}
    for text in texts:
        assert text.format(**dates) in content


# Query counts


def _sent_rows(n, sender, receivers):
    """`n` referrals sent by `sender` (the centre when None), in every state."""
    for i in range(n):
        person = BeneficiaryFactory(referring_organisation=sender)
        receiver = receivers[i % len(receivers)]
        referral = send(person, receiver, sending_organisation=sender, now=days_ago(i % 20 + 1))
        if i % 4 == 1:
            services.accept_referral(referral, receiver.contacts.first(), channel="portal")
            services.record_result(referral, "training", timezone.localdate(), channel="portal")
        elif i % 4 == 2:
            services.refuse_referral(referral, "no_capacity", COMMENT, channel="portal")
        elif i % 4 == 3:
            services.expire_due(now=referral.expires_at)


@pytest.mark.parametrize("n", [3, 30])
def test_the_partners_list_query_count_does_not_grow(
    client, mission_locale, ml_referent, spt, agentur, n, django_assert_max_num_queries
):
    _sent_rows(n, mission_locale, [spt, agentur, OrganisationFactory()])
    client = login(client, ml_referent)
    # Session, user, second factor, groups, two of permissions, contact and its
    # organisation, then the count and the page of rows: 10 whatever the rows.
    with django_assert_max_num_queries(10):
        response = client.get(SENT_URL)
    assert len(response.context["referrals"]) == n


@pytest.mark.parametrize("n", [3, 30])
def test_the_teams_list_query_count_does_not_grow(
    client, spt, agentur, n, django_assert_max_num_queries
):
    _sent_rows(n, None, [spt, agentur])
    client = login(client, staff_member())
    with django_assert_max_num_queries(10):
        response = client.get(SENT_URL, {"state": ""})
    assert len(response.context["referrals"]) == n


# The selector, without HTTP


def test_selector_gives_a_partner_its_organisations_sent_referrals(
    person, mission_locale, ml_referent, spt
):
    ours = ml_sends(person, spt, mission_locale, days=1)
    send(BeneficiaryFactory(), spt)
    rows = list(selectors.sent_referrals(ml_referent))
    assert rows == [ours]
    assert rows[0].person_followed is True


def test_selector_gives_the_team_the_centres_referrals(person, mission_locale, spt, agentur):
    by_centre = send(person, agentur)
    ml_sends(person, spt, mission_locale, days=1)
    rows = list(selectors.sent_referrals(staff_member()))
    assert rows == [by_centre]
    assert rows[0].person_followed is True


def test_selector_gives_nothing_without_a_follow_up_role(person, mission_locale, spt):
    ml_sends(person, spt, mission_locale, days=1)
    send(BeneficiaryFactory(), spt)
    assert not selectors.sent_referrals(UserFactory()).exists()
    assert not selectors.sent_referrals(committee_member()).exists()
    # A contact of the organisation without the referent's role sees nothing either.
    user = UserFactory()
    ContactFactory(organisation=mission_locale, user=user)
    assert not selectors.sent_referrals(user).exists()


def test_selector_marks_a_person_the_sender_stopped_following(person, mission_locale, spt, agentur):
    spt_referent = partner_referent(spt)
    services.accept_referral(
        ml_sends(person, spt, mission_locale, days=5),
        spt_referent.partner_contact,
        channel="portal",
    )
    send(person, agentur, sending_organisation=spt)
    assert [r.person_followed for r in selectors.sent_referrals(spt_referent)] == [True]
    services.stop_following(person.followings.get(organisation=spt), timezone.localdate())
    assert [r.person_followed for r in selectors.sent_referrals(spt_referent)] == [False]
