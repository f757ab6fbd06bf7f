"""The record of processing (RGPD article 30) for the team, and the public notice's
retention periods, both from the same settings."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

RECORD = "/staff/privacy/record/"


def test_the_record_lists_purposes_data_recipients_retention_and_security(client):
    ProgrammeFactory(name_fr="Interreg Lieu ressource", funder="Interreg Rhin supérieur")
    client.force_login(staff_member())
    with override_settings(PERSONAL_DATA_RETENTION_YEARS=4, PERSONAL_DATA_INACTIVITY_YEARS=2):
        page = client.get(RECORD).content.decode()
    assert "Inscriptions aux événements" in page and "Suivi des personnes" in page
    # Data categories come from the models' fields.
    assert "Date du consentement" in page and "Année de naissance" in page
    assert "Interreg Lieu ressource (Interreg Rhin supérieur)" in page
    assert "4 ans après l’événement" in page and "après 2 ans sans activité" in page


def test_the_record_in_german(client):
    client.force_login(staff_member())
    with translation.override("de"):
        page = client.get(RECORD, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Verzeichnis der Verarbeitungstätigkeiten" in page


@pytest.mark.parametrize("account", [partner_referent, committee_member])
def test_other_accounts_cannot_read_the_record(client, account):
    client.force_login(account())
    assert client.get(RECORD).status_code == 403


def test_the_public_notice_states_the_configured_periods(client):
    with override_settings(PERSONAL_DATA_RETENTION_YEARS=5, PRIVACY_LINK_HOURS=12):
        page = client.get(reverse("events:privacy")).content.decode()
    assert "5 ans après l’événement" in page
    assert "12 heures" in page
    assert reverse("privacy:request") in page
