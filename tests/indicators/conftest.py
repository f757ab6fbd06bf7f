"""A small hand-built world around the third quarter of 2025 (1 July – 30 September,
Paris time), with its expected figures worked out by hand in the tests.

People: four RSA recipients (a lives in Port du Rhin; b left RSA in Q2; d only turns
up where nothing counts), a Port du Rhin resident, a job seeker, and two members of
the public who registered without being followed (p1 with three registrations under
differently cased emails; p2 a no-show), plus an anonymous walk-in.

Events (E = held in Q3):
  e1  bilingual workshop at the centre, 10 July; FR host + DE co-organiser
      (cross-border); a French company takes part.
  e2  drop-in outside the centre, 5 August; FR host only.
  e3  working circle at the centre, 30 September 21:30–23:30 (ends on the last
      evening of the quarter), a closed joint action; FR host + DE chamber; companies
      A (FR), B (DE) and an association take part.
  e8  job dating outside the centre, 18 September; FR host and co-organiser; a
      German company takes part.
  e4  cancelled working circle outside the centre in Q3 (company C, rsa_d "present").
  e5  draft event in Q3 with rsa_d "present".
  e6  outside the centre, 15 May (Q2): rsa_c and the resident present.
  e7  outside the centre, 30 September 23:00 – 1 October 00:30 (ends in Q4).
  e9  working circle in Q2 with company C.
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from beneficiaries.models import Outcome, Pathway, PriorityNeighbourhood
from events.models import Event, EventOrganisation
from indicators import reports
from partners.models import Organisation
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    EventOrganisationFactory,
    OrganisationFactory,
    OutcomeFactory,
    PathwayFactory,
    ProgrammeFactory,
    RegistrationFactory,
    VenueFactory,
)

PARIS = ZoneInfo("Europe/Paris")
HOST = EventOrganisation.Role.HOST
CO = EventOrganisation.Role.CO_ORGANISER
PARTICIPANT = EventOrganisation.Role.PARTICIPANT


def paris(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def event(venue, start, end=None, status=Event.Status.PUBLISHED, **kwargs):
    return EventFactory(
        venue=venue,
        start=start,
        end=end or start + datetime.timedelta(hours=2),
        status=status,
        **kwargs,
    )


def present(event, person=None, *, email=None, via_registration_only=False, absent=False):
    """An attendance row: of a followed person (linked on the attendance, or only on
    their registration), of a registered member of the public, or an anonymous
    walk-in when neither is given."""
    if person is None and email is None:
        return AttendanceFactory(walk_in=True, event=event, walk_in_name="", present=not absent)
    registration = RegistrationFactory(event=event, email=email or person.email, beneficiary=person)
    return AttendanceFactory(
        registration=registration,
        event=event,
        beneficiary=None if via_registration_only else person,
        present=not absent,
    )


@pytest.fixture
def fast_pdf(monkeypatch):
    """Skip the PDF layout where a test is about the task, not the PDF; returns the
    languages rendered."""
    calls = []

    def render(snapshot, *, language, version=1, generated_at=None):
        calls.append(language)
        return b"%PDF-1.7 stub"

    monkeypatch.setattr(reports, "render_pdf", render)
    return calls


@pytest.fixture
def world(db):
    port_du_rhin, _created = PriorityNeighbourhood.objects.get_or_create(
        code="port-du-rhin", defaults={"name": "Port du Rhin", "commune": "Strasbourg"}
    )
    centre = VenueFactory(centre=True)
    outside = VenueFactory(name="Salle des fêtes du Port du Rhin")

    lead = OrganisationFactory(name="Maison de l'emploi (test)", role=Organisation.Role.LEAD)
    french_partner = OrganisationFactory(name="Mission locale (test)")
    german_partner = OrganisationFactory(name="Agentur für Arbeit (test)", german=True)
    german_chamber = OrganisationFactory(
        name="IHK (test)", german=True, kind=Organisation.Kind.CHAMBER
    )
    company_a = OrganisationFactory(name="Entreprise A", company=True)
    company_b = OrganisationFactory(name="Unternehmen B", company=True, german=True)
    company_c = OrganisationFactory(name="Entreprise C", company=True)
    company_fr = OrganisationFactory(name="Entreprise visitée", company=True)
    company_de = OrganisationFactory(name="Arbeitgeber DE", company=True, german=True)
    association = OrganisationFactory(name="Association du quartier")

    rsa_a = BeneficiaryFactory(rsa=True, neighbourhood=port_du_rhin)
    rsa_b = BeneficiaryFactory(rsa=True)
    rsa_c = BeneficiaryFactory(rsa=True)
    rsa_d = BeneficiaryFactory(rsa=True)
    resident = BeneficiaryFactory(neighbourhood=port_du_rhin)
    seeker = BeneficiaryFactory()

    e1 = event(centre, paris(2025, 7, 10), format=Event.Format.BILINGUAL_WORKSHOP)
    e2 = event(outside, paris(2025, 8, 5), format=Event.Format.PERMANENCE, outside_centre=True)
    e3 = event(
        centre,
        paris(2025, 9, 30, 21, 30),
        paris(2025, 9, 30, 23, 30),
        format=Event.Format.WORKING_CIRCLE,
        openness=Event.Openness.CLOSED,
    )
    e8 = event(
        outside,
        paris(2025, 9, 18),
        format=Event.Format.RECRUITMENT_MEETING,
        outside_centre=True,
    )
    e4 = event(
        outside,
        paris(2025, 8, 20),
        status=Event.Status.CANCELLED,
        format=Event.Format.WORKING_CIRCLE,
        outside_centre=True,
    )
    e5 = event(centre, paris(2025, 8, 21), status=Event.Status.DRAFT)
    e6 = event(outside, paris(2025, 5, 15), format=Event.Format.COMPANY_VISIT, outside_centre=True)
    e7 = event(
        outside,
        paris(2025, 9, 30, 23, 0),
        paris(2025, 10, 1, 0, 30),
        format=Event.Format.PITCH_EVENING,
        outside_centre=True,
    )
    e9 = event(centre, paris(2025, 6, 12), format=Event.Format.WORKING_CIRCLE)

    for ev, organisation, role in [
        (e1, lead, HOST),
        (e1, german_partner, CO),
        (e1, company_fr, PARTICIPANT),
        (e2, lead, HOST),
        (e3, lead, HOST),
        (e3, german_chamber, CO),
        (e3, company_a, PARTICIPANT),
        (e3, company_b, PARTICIPANT),
        (e3, association, PARTICIPANT),
        (e8, lead, HOST),
        (e8, french_partner, CO),
        (e8, company_de, PARTICIPANT),
        (e4, lead, HOST),
        (e4, german_partner, CO),
        (e4, company_c, PARTICIPANT),
        (e6, lead, HOST),
        (e9, lead, HOST),
        (e9, company_c, PARTICIPANT),
    ]:
        EventOrganisationFactory(event=ev, organisation=organisation, role=role)

    # e1: five present (rsa_b linked through the registration only), p2 a no-show.
    present(e1, rsa_a)
    present(e1, rsa_b, via_registration_only=True)
    present(e1, seeker)
    present(e1, email="P1@Example.org")
    present(e1, email="p2@example.org", absent=True)
    present(e1)  # anonymous walk-in
    # e2: four present; rsa_b and rsa_d did not come.
    present(e2, rsa_a)
    present(e2, resident)
    present(e2, seeker)
    present(e2, email="p1@example.org")
    present(e2, rsa_b, absent=True)
    present(e2, rsa_d, absent=True)
    # e3: p1 again.
    present(e3, email="p1@EXAMPLE.org")
    # e8: rsa_c and rsa_a present, the job seeker did not come.
    present(e8, rsa_c)
    present(e8, rsa_a)
    present(e8, seeker, absent=True)
    # Nothing of these counts in Q3.
    present(e4, rsa_d)
    present(e5, rsa_d)
    present(e7, rsa_d)
    present(e6, rsa_c)
    present(e6, resident)

    PathwayFactory(
        beneficiary=rsa_a,
        scheme=Pathway.Scheme.TREMPLIN,
        start_date=datetime.date(2025, 6, 1),
        end_date=datetime.date(2025, 8, 31),
        status=Pathway.Status.COMPLETED,
    )
    PathwayFactory(
        beneficiary=rsa_b,
        scheme=Pathway.Scheme.TREMPLIN,
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2025, 5, 31),
        status=Pathway.Status.COMPLETED,
    )
    PathwayFactory(
        beneficiary=rsa_c, scheme=Pathway.Scheme.GPTEC, start_date=datetime.date(2025, 9, 30)
    )
    PathwayFactory(
        beneficiary=seeker, scheme=Pathway.Scheme.TREMPLIN, start_date=datetime.date(2025, 7, 1)
    )
    PathwayFactory(
        beneficiary=rsa_d, scheme=Pathway.Scheme.TREMPLIN, start_date=datetime.date(2025, 10, 1)
    )

    # rsa_b left RSA in Q2, then found two jobs in Germany in Q3, the second signed at
    # 23:30 Paris time on the quarter's last day (21:30 UTC).
    last_evening = paris(2025, 9, 30, 23, 30)
    OutcomeFactory(beneficiary=rsa_b, rsa_exit=True, date=datetime.date(2025, 6, 15))
    OutcomeFactory(beneficiary=rsa_b, job_in_germany=True, date=datetime.date(2025, 7, 20))
    OutcomeFactory(
        beneficiary=rsa_b,
        job_in_germany=True,
        contract=Outcome.Contract.MINIJOB,
        date=last_evening.astimezone(PARIS).date(),
    )
    OutcomeFactory(beneficiary=rsa_a, german_course=True, date=datetime.date(2025, 7, 2))
    OutcomeFactory(beneficiary=rsa_a, kind=Outcome.Kind.TRAINING, date=datetime.date(2025, 8, 1))
    OutcomeFactory(beneficiary=rsa_a, business_creation=True, date=datetime.date(2025, 9, 10))
    OutcomeFactory(beneficiary=rsa_c, rsa_exit=True, date=datetime.date(2025, 8, 10))
    OutcomeFactory(beneficiary=rsa_c, job_in_france=True, date=datetime.date(2025, 9, 1))
    OutcomeFactory(beneficiary=rsa_c, placement_referral=True, date=datetime.date(2025, 4, 1))
    OutcomeFactory(beneficiary=seeker, job_in_germany=True, date=datetime.date(2025, 7, 15))
    OutcomeFactory(beneficiary=seeker, placement_referral=True, date=datetime.date(2025, 8, 20))
    OutcomeFactory(beneficiary=rsa_d, job_in_germany=True, date=datetime.date(2025, 10, 1))
    OutcomeFactory(beneficiary=rsa_d, business_creation=True, date=datetime.date(2025, 7, 5))

    return SimpleNamespace(
        centre=centre,
        outside=outside,
        port_du_rhin=port_du_rhin,
        lead=lead,
        german_partner=german_partner,
        german_chamber=german_chamber,
        company_a=company_a,
        company_b=company_b,
        company_c=company_c,
        company_fr=company_fr,
        company_de=company_de,
        rsa_a=rsa_a,
        rsa_b=rsa_b,
        rsa_c=rsa_c,
        rsa_d=rsa_d,
        resident=resident,
        seeker=seeker,
        e1=e1,
        e2=e2,
        e3=e3,
        e4=e4,
        e5=e5,
        e6=e6,
        e7=e7,
        e8=e8,
        e9=e9,
        programme=ProgrammeFactory(
            code="test-programme",
            start_date=datetime.date(2025, 1, 1),
            end_date=datetime.date(2026, 12, 31),
        ),
    )


@pytest.fixture
def after_q3():
    """A moment once Q3 2025 is over, so that figures do not depend on today."""
    return paris(2025, 10, 2, 9)


def people(*beneficiaries):
    return {b.pk for b in beneficiaries}
