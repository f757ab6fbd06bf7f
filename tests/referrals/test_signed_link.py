"""The signed link of a referral: it opens its referral only, answers it once, goes
on to the result's own link, and stops working once used, after expiry, or forged."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone, translation

from referrals import tokens
from referrals.models import Referral
from tests.factories import BeneficiaryFactory, ContactFactory, OrganisationFactory

from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def spt():
    organisation = OrganisationFactory(name="Service de Placement Transfrontalier", german=True)
    ContactFactory(organisation=organisation, first_name="Jana", last_name="Weber")
    return organisation


def link(referral, step=tokens.ANSWER, language="de"):
    with translation.override(language):
        return reverse("referrals_link:answer", args=[tokens.make_token(referral, step)])


def test_slugs_are_translated(spt):
    referral = send(organisation=spt)
    assert link(referral, language="de").startswith("/de/vermittlung/")
    assert link(referral, language="fr").startswith("/fr/orientation/")


def test_the_email_link_opens_its_referral_with_the_shared_fields_only(
    client, spt, django_capture_on_commit_callbacks
):
    person = BeneficiaryFactory(first_name="Léa", last_name="Martin", phone="+33 6 39 98 12 34")
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(person, spt, shared=("name",))
    url = re.search(r"https?://\S+/de/vermittlung/\S+/", mail.outbox[0].body).group(0)
    response = client.get("/" + url.split("/", 3)[3])
    assert response.status_code == 200
    assert response.context["referral"] == referral
    content = response.content.decode()
    assert "Léa Martin" in content and person.phone not in content
    assert "no-store" in response["Cache-Control"]


def test_answering_once_then_the_result_link_then_nothing(client, spt):
    referral = send(organisation=spt)
    answer_url = link(referral)
    contact = spt.contacts.get()
    response = client.post(answer_url, {"decision": "accept", "referent": contact.pk})
    assert response.status_code == 302
    result_url = response.url
    assert result_url.startswith("/de/vermittlung/") and result_url != answer_url
    referral.refresh_from_db()
    assert (referral.state, referral.receiving_referent) == ("accepted", contact)
    assert referral.transitions.get(step="accepted").by_contact == contact
    # The answer link has been used: it no longer opens anything.
    assert client.get(answer_url).status_code == 404
    assert (
        client.post(answer_url, {"decision": "refuse", "refusal_reason": "other"}).status_code
        == 404
    )
    # The result link records the result once.
    assert client.get(result_url).status_code == 200
    today = timezone.localdate().isoformat()
    response = client.post(result_url, {"result": "started_support", "date": today})
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.result == "started_support"
    assert client.get(result_url).status_code == 404


def test_a_refusal_through_the_link(client, spt):
    referral = send(organisation=spt)
    response = client.post(link(referral), {"decision": "refuse", "refusal_reason": "out_of_area"})
    assert response.status_code == 200
    assert Referral.objects.get(pk=referral.pk).refusal_reason == "out_of_area"


def test_no_link_after_expiry(client, spt):
    referral = send(organisation=spt, now=timezone.now() - datetime.timedelta(days=31))
    assert client.get(link(referral)).status_code == 404


def test_a_link_signed_too_long_ago_is_refused(client, spt, monkeypatch):
    referral = send(organisation=spt)
    token = tokens.make_token(referral, tokens.ANSWER)
    later = timezone.now().timestamp() + 31 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert tokens.referral_for_token(token) is None


def test_a_link_does_not_open_another_referral(client, spt):
    mine = send(organisation=spt)
    other = send(organisation=spt)
    token = tokens.make_token(mine, tokens.ANSWER)
    forged = token.replace(mine.public_id.hex, other.public_id.hex)
    assert forged != token
    with translation.override("de"):
        url = reverse("referrals_link:answer", args=[forged])
    assert client.get(url).status_code == 404
    response = client.get(link(mine))
    assert response.context["referral"] == mine
    assert other.beneficiary.reference not in response.content.decode()


def test_a_result_link_does_not_answer(client, spt):
    referral = send(organisation=spt)
    assert client.get(link(referral, tokens.RESULT)).status_code == 404


def test_a_link_with_the_wrong_salt_or_garbage_is_refused(client, spt):
    referral = send(organisation=spt)
    other_salt = signing.TimestampSigner(salt="events.registration.cancel").sign(
        f"{referral.public_id.hex}.answer"
    )
    for token in (other_salt, "nonsense", f"{referral.public_id.hex}.answer"):
        with translation.override("fr"):
            url = reverse("referrals_link:answer", args=[token])
        assert client.get(url).status_code == 404
