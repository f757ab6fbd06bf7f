"""factory_boy factories for every model, with traits for the usual variants.

Translated fields are given in both languages (`title_fr`, `title_de`). Unique
values come from sequences so that they never collide with reference data that
migrations ship.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from beneficiaries.models import (
    Beneficiary,
    ContactNote,
    Outcome,
    Pathway,
    PriorityNeighbourhood,
)
from events.models import Attendance, Audience, Event, EventOrganisation, Registration, Venue
from indicators.models import (
    Axis,
    Indicator,
    IndicatorValue,
    Programme,
    QualitativeNote,
    QuarterlyReport,
    Strategy,
)
from partners.models import Contact, Country, Organisation


def _in_days(days, hour=10):
    """An aware datetime `days` from today at `hour` o'clock, local (Paris) time."""
    today = timezone.localdate()
    moment = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
    return timezone.make_aware(moment)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password("a-long-password-1")

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)


# partners


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = Country.FRANCE
    kind = Organisation.Kind.ASSOCIATION
    role = Organisation.Role.PARTNER
    city = "Strasbourg"
    description_fr = factory.LazyAttribute(
        lambda o: f"{o.name} accompagne les demandeurs d'emploi."
    )
    description_de = factory.LazyAttribute(lambda o: f"{o.name} begleitet Arbeitsuchende.")

    class Params:
        company = factory.Trait(kind=Organisation.Kind.COMPANY, role=Organisation.Role.EMPLOYER)
        german = factory.Trait(country=Country.GERMANY, city="Kehl")
        public = factory.Trait(is_public=True)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    job_title = "Chargée de projet"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


# events


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Salle {n}")
    address = "1 rue du Port du Rhin"
    postcode = "67000"
    city = "Strasbourg"
    accessibility_fr = "Accessible en fauteuil roulant."
    accessibility_de = "Rollstuhlgerecht."

    class Params:
        centre = factory.Trait(name="Kaleidoscoop", is_centre=True)
        in_germany = factory.Trait(country=Country.GERMANY, city="Kehl", postcode="77694")


class AudienceFactory(DjangoModelFactory):
    class Meta:
        model = Audience

    code = factory.Sequence(lambda n: f"audience-{n}")
    name_fr = factory.Sequence(lambda n: f"Public {n}")
    name_de = factory.Sequence(lambda n: f"Zielgruppe {n}")


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title_fr = factory.Sequence(lambda n: f"Atelier bilingue {n}")
    title_de = factory.Sequence(lambda n: f"Zweisprachiger Workshop {n}")
    summary_fr = "Préparer sa candidature en Allemagne."
    summary_de = "Die Bewerbung in Deutschland vorbereiten."
    format = Event.Format.BILINGUAL_WORKSHOP
    language = Event.Language.BILINGUAL
    start = factory.LazyFunction(lambda: _in_days(7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)
    capacity = 20
    status = Event.Status.DRAFT

    class Params:
        draft = factory.Trait(status=Event.Status.DRAFT)
        published = factory.Trait(status=Event.Status.PUBLISHED)
        cancelled = factory.Trait(status=Event.Status.CANCELLED)
        past = factory.Trait(start=factory.LazyFunction(lambda: _in_days(-7)))
        outside = factory.Trait(outside_centre=True)
        # Every place taken by a confirmed registration.
        full = factory.Trait(
            status=Event.Status.PUBLISHED,
            capacity=2,
            confirmed=factory.RelatedFactoryList(
                "tests.factories.RegistrationFactory", factory_related_name="event", size=2
            ),
        )

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)

    @factory.post_generation
    def axes(self, create, extracted, **kwargs):
        if create and extracted:
            self.axes.set(extracted)


class EventOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = EventOrganisation

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = EventOrganisation.Role.HOST

    class Params:
        participant = factory.Trait(
            role=EventOrganisation.Role.PARTICIPANT,
            organisation=factory.SubFactory(OrganisationFactory, company=True),
        )


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, published=True)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "fr"
    consent_at = factory.LazyFunction(timezone.now)
    status = Registration.Status.CONFIRMED

    class Params:
        waitlisted = factory.Trait(status=Registration.Status.WAITLISTED)
        cancelled = factory.Trait(
            status=Registration.Status.CANCELLED, cancelled_at=factory.LazyFunction(timezone.now)
        )
        german = factory.Trait(
            language="de",
            first_name=factory.Faker("first_name", locale="de_DE"),
            last_name=factory.Faker("last_name", locale="de_DE"),
        )


# beneficiaries


class PriorityNeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = PriorityNeighbourhood

    code = factory.Sequence(lambda n: f"QN0670{n:04d}")
    name = factory.Sequence(lambda n: f"Quartier {n}")
    commune = "Strasbourg"


class BeneficiaryFactory(DjangoModelFactory):
    class Meta:
        model = Beneficiary

    reference = factory.Sequence(lambda n: f"LR-{n:05d}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"beneficiary{n}@example.org")
    birth_year = 1990
    country = Country.FRANCE
    commune = "Strasbourg"
    registered_job_seeker = True
    consent_at = factory.LazyFunction(timezone.now)
    consent_scope = "Suivi et contact par courriel"
    entry_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    class Params:
        rsa = factory.Trait(rsa_recipient=True, registered_job_seeker=False)
        qpv = factory.Trait(neighbourhood=factory.SubFactory(PriorityNeighbourhoodFactory))
        german_resident = factory.Trait(country=Country.GERMANY, commune="Kehl")
        referred = factory.Trait(referring_organisation=factory.SubFactory(OrganisationFactory))
        exited = factory.Trait(exit_date=factory.LazyFunction(timezone.localdate))


class PathwayFactory(DjangoModelFactory):
    class Meta:
        model = Pathway

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    scheme = Pathway.Scheme.TREMPLIN
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=20))
    status = Pathway.Status.OPEN

    class Params:
        completed = factory.Trait(
            status=Pathway.Status.COMPLETED, end_date=factory.LazyFunction(timezone.localdate)
        )
        abandoned = factory.Trait(
            status=Pathway.Status.ABANDONED, end_date=factory.LazyFunction(timezone.localdate)
        )


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    kind = Outcome.Kind.TRAINING
    date = factory.LazyFunction(timezone.localdate)

    class Params:
        job_in_germany = factory.Trait(
            kind=Outcome.Kind.JOB,
            country=Country.GERMANY,
            contract=Outcome.Contract.CDI,
            employer=factory.SubFactory(OrganisationFactory, company=True, german=True),
        )
        job_in_france = factory.Trait(
            kind=Outcome.Kind.JOB,
            country=Country.FRANCE,
            contract=Outcome.Contract.CDD_LONG,
            employer=factory.SubFactory(OrganisationFactory, company=True),
        )
        german_course = factory.Trait(kind=Outcome.Kind.TRAINING, language_training=True)
        rsa_exit = factory.Trait(kind=Outcome.Kind.RSA_EXIT)
        placement_referral = factory.Trait(kind=Outcome.Kind.PLACEMENT_REFERRAL)
        business_creation = factory.Trait(kind=Outcome.Kind.BUSINESS_CREATION)


class ContactNoteFactory(DjangoModelFactory):
    class Meta:
        model = ContactNote

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    date = factory.LazyFunction(timezone.localdate)
    channel = ContactNote.Channel.PHONE
    text = "Point sur les candidatures en cours."


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    event = factory.LazyAttribute(lambda attendance: attendance.registration.event)
    present = True

    class Params:
        walk_in = factory.Trait(
            registration=None,
            event=factory.SubFactory(EventFactory, published=True),
            walk_in_name=factory.Faker("name", locale="fr_FR"),
        )
        followed = factory.Trait(beneficiary=factory.SubFactory(BeneficiaryFactory))
        absent = factory.Trait(present=False)


# indicators


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"programme-{n}")
    name_fr = factory.Sequence(lambda n: f"Convention de partenariat {n}")
    name_de = factory.Sequence(lambda n: f"Partnerschaftsvereinbarung {n}")
    funder = "Collectivité européenne d'Alsace"
    start_date = datetime.date(2023, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class AxisFactory(DjangoModelFactory):
    class Meta:
        model = Axis

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_fr = factory.Sequence(lambda n: f"Axe {n + 1} : mobilité transfrontalière")
    title_de = factory.Sequence(lambda n: f"Achse {n + 1}: grenzüberschreitende Mobilität")


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    axis = factory.SubFactory(AxisFactory)
    code = factory.Sequence(lambda n: f"S{n}")
    title_fr = "Tremplin sur le Rhin"
    title_de = "Sprungbrett über den Rhein"


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    name_fr = "Entreprises mobilisées"
    name_de = "Eingebundene Unternehmen"
    unit_fr = "entreprises"
    unit_de = "Unternehmen"
    baseline = Decimal("100")
    target = Decimal("200")
    kind = Indicator.Kind.MANUAL
    metric = ""

    class Params:
        computed = factory.Trait(kind=Indicator.Kind.COMPUTED, metric="cross_border_organisations")
        on_axis = factory.Trait(
            axis=factory.SubFactory(AxisFactory, programme=factory.SelfAttribute("..programme"))
        )


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2025
    quarter = 1
    value = Decimal("12")
    source = IndicatorValue.Source.MANUAL
    source_note = "Jobconnexion"
    computed_at = factory.LazyFunction(timezone.now)

    class Params:
        computed = factory.Trait(source=IndicatorValue.Source.COMPUTED, source_note="")


class QualitativeNoteFactory(DjangoModelFactory):
    class Meta:
        model = QualitativeNote

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2025
    quarter = 1
    strengths = "Forte mobilisation des entreprises allemandes."
    areas_for_progress = "Toucher davantage les habitants des QPV."


class QuarterlyReportFactory(DjangoModelFactory):
    class Meta:
        model = QuarterlyReport

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2025
    quarter = 1
    language = "fr"
    status = QuarterlyReport.Status.QUEUED

    class Params:
        done = factory.Trait(
            status=QuarterlyReport.Status.DONE,
            generated_at=factory.LazyFunction(timezone.now),
            file=factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4\n"),
        )
        failed = factory.Trait(status=QuarterlyReport.Status.FAILED, error="Traceback: …")
        published = factory.Trait(
            status=QuarterlyReport.Status.PUBLISHED,
            generated_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
            file=factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4\n"),
        )
