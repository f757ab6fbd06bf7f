"""An employer registers for an event with their company's name; once staff link
the registration to the company's Organisation in the admin, the company counts
among the companies engaged (the working circles indicator, the report's partners)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from events.models import Registration
from indicators import metrics, selectors
from indicators.metrics import Period
from indicators.quarters import Quarter
from tests.factories import AttendanceFactory, OrganisationFactory, RegistrationFactory, UserFactory

Q3 = Period.of_quarter(Quarter(2025, 3))

pytestmark = pytest.mark.django_db


def companies_engaged():
    result = metrics.get_metric("companies_in_working_circles")(Q3)
    return result.value, set(result.records().values_list("pk", flat=True))


@pytest.fixture
def staff_client(client):
    user = UserFactory(superuser=True, username="root")
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def test_a_linked_employer_registration_counts_the_company(world, staff_client):
    company_d = OrganisationFactory(name="Entreprise D", company=True)
    registration = RegistrationFactory(event=world.e3, organisation_name="  Entreprise   D ")
    # Typed but not linked: the figure is that of the hand-built world (A and B).
    assert companies_engaged() == (2, {world.company_a.pk, world.company_b.pk})

    url = reverse("admin:events_registration_change", args=[registration.pk])
    page = staff_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: form[name].value() if form[name].value() is not None else "" for name in form.fields
    }
    data.update(organisation=company_d.pk, consent_at_0="01/07/2025", consent_at_1="10:00:00")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    registration.refresh_from_db()
    assert registration.organisation == company_d

    assert companies_engaged() == (3, {world.company_a.pk, world.company_b.pk, company_d.pk})
    # The report's partner section counts it among the organisations and companies too.
    engaged = selectors.organisations_taking_part(selectors.held_events(Q3))
    assert company_d in engaged


@pytest.mark.parametrize(
    "kind", ["waitlisted", "cancelled", "absent", "cancelled_event", "association"]
)
def test_a_linked_registration_that_did_not_take_part_does_not_count(world, kind):
    company_d = OrganisationFactory(name="Entreprise D", company=True)
    event = world.e4 if kind == "cancelled_event" else world.e3
    organisation = (
        OrganisationFactory(name="Une association") if kind == "association" else company_d
    )
    traits = {kind: True} if kind in ("waitlisted", "cancelled") else {}
    registration = RegistrationFactory(event=event, organisation=organisation, **traits)
    if kind == "absent":
        AttendanceFactory(event=event, registration=registration, present=False)
    assert companies_engaged() == (2, {world.company_a.pk, world.company_b.pk})


def test_the_public_form_keeps_the_organisation_typed(client):
    from events import links
    from tests.factories import EventFactory

    event = EventFactory(published=True, capacity=10)
    response = client.post(
        links.event_path(event),
        {
            "first_name": "Ada",
            "last_name": "Martin",
            "email": "ada@example.org",
            "organisation_name": "Brasserie  du Port",
            "language": "fr",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="ada@example.org")
    assert registration.organisation_name == "Brasserie du Port"
    assert registration.organisation is None
