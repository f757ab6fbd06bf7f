"""Demo referrals from the centre to partners (the Agentur für Arbeit, the Missions
locales, …) with their steps: answered or not, accepted with a referent, refused for
a reason, expired, some with a result; an accepted referral makes the receiving
organisation follow the person. Each receiving organisation gets a contact to be its
referent (the demo partner referent's organisation has one already)."""

import uuid
from datetime import timedelta

from django.conf import settings

from partners.models import Contact, Organisation
from referrals.models import Following, Referral, ReferralTransition, SharedField

from .bulk import create_in_batches

RECEIVING_KINDS = (
    Organisation.Kind.EMPLOYMENT_SERVICE,
    Organisation.Kind.MISSION_LOCALE,
    Organisation.Kind.TRAINING_BODY,
    Organisation.Kind.ASSOCIATION,
)
# About one followed person in seven is referred to a partner.
SHARE = 0.15
REASONS = [
    (
        "Projet d'emploi en Allemagne, besoin d'un accompagnement au placement.",
        "Un poste en logistique ou en production dans l'Ortenau.",
    ),
    (
        "Jeune sans solution après une formation interrompue.",
        "Une formation qualifiante ou un contrat d'apprentissage.",
    ),
    (
        "Reprise d'activité après une longue période sans emploi.",
        "Un accompagnement renforcé et des offres à temps partiel.",
    ),
    (
        "Projet bilingue : la personne parle allemand (B1).",
        "Un emploi transfrontalier dans le commerce ou l'accueil.",
    ),
]


def _receivers(reference):
    partners = [p for p in reference.partners if p.kind in RECEIVING_KINDS and p != reference.lead]
    return partners or [p for p in reference.partners if p != reference.lead][:3]


def _referents(demo, receivers):
    """One contact per receiving organisation to name as referent."""
    rng = demo.rng("referral contacts")
    existing = {c.organisation_id: c for c in Contact.objects.filter(organisation__in=receivers)}
    missing = []
    for organisation in receivers:
        if organisation.pk in existing:
            continue
        german = organisation.country != "FR"
        person = demo.people.make(
            rng, language="de" if german else "fr", domain="example.de" if german else "example.org"
        )
        missing.append(
            Contact(
                organisation=organisation,
                first_name=person.first_name,
                last_name=person.last_name,
                job_title="Référent orientation",
                email=person.email,
            )
        )
    for contact in create_in_batches(Contact, missing):
        existing[contact.organisation_id] = contact
    return existing


def create_referrals(demo, followed, reference):
    """Referrals of about one followed person in seven, sent since their entry;
    returns how many."""
    rng = demo.rng("referrals")
    receivers = _receivers(reference)
    if not receivers:
        return 0
    referents = _referents(demo, receivers)
    expiry = timedelta(days=settings.REFERRAL_EXPIRY_DAYS)
    reminder = timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    rows, plans = [], []
    for item in followed:
        if rng.random() >= SHARE:
            continue
        last_day = min(item.exit or demo.yesterday, demo.yesterday)
        if last_day < item.entry:
            continue
        day = item.entry + timedelta(days=rng.randrange((last_day - item.entry).days + 1))
        sent_at = demo.office_moment(rng, day)
        organisation = rng.choice(receivers)
        reason, looking_for = rng.choice(REASONS)
        shared = [SharedField.NAME, SharedField.SITUATION]
        if rng.random() < 0.6:
            shared.append(SharedField.EMAIL)
        if rng.random() < 0.4:
            shared.append(SharedField.GERMAN_LEVEL)
        referral = Referral(
            # From the seed's stream, so that the same seed gives the same links.
            public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            beneficiary_id=item.pk,
            receiving_organisation=organisation,
            reason=reason,
            looking_for=looking_for,
            consent_at=sent_at - timedelta(minutes=rng.randint(5, 120)),
            shared_fields=[f for f in SharedField.values if f in shared],
            sent_at=sent_at,
            expires_at=sent_at + expiry,
        )
        steps = [(ReferralTransition.Step.SENT, "", "sent", sent_at)]
        age = demo.now - sent_at
        answer_after = timedelta(days=rng.choice([1, 2, 3, 5, 8, 12, 20]), hours=rng.randint(1, 6))
        draw = rng.random()
        if age > reminder and (draw >= 0.8 or answer_after > reminder):
            reminded_at = sent_at + reminder
            referral.reminder_sent_at = reminded_at
            steps.append((ReferralTransition.Step.REMINDED, "sent", "sent", reminded_at))
        if answer_after < age and draw < 0.55:
            referral.state = Referral.State.ACCEPTED
            referral.answered_at = sent_at + answer_after
            referral.receiving_referent = referents[organisation.pk]
            steps.append(
                (ReferralTransition.Step.ACCEPTED, "sent", "accepted", referral.answered_at)
            )
            result_day = (referral.answered_at + timedelta(days=rng.randint(7, 60))).date()
            if result_day <= demo.yesterday and rng.random() < 0.7:
                referral.result = rng.choice(Referral.Result.values)
                referral.result_date = result_day
                at = demo.office_moment(rng, result_day)
                steps.append((ReferralTransition.Step.RESULT, "accepted", "accepted", at))
        elif answer_after < age and draw < 0.8:
            referral.state = Referral.State.REFUSED
            referral.answered_at = sent_at + answer_after
            referral.refusal_reason = rng.choice(Referral.RefusalReason.values)
            steps.append((ReferralTransition.Step.REFUSED, "sent", "refused", referral.answered_at))
        elif age >= expiry:
            referral.state = Referral.State.EXPIRED
            referral.answered_at = sent_at + expiry
            steps.append((ReferralTransition.Step.EXPIRED, "sent", "expired", referral.answered_at))
        rows.append(referral)
        plans.append(steps)
    create_in_batches(Referral, rows)
    transitions, followings = [], []
    for referral, steps in zip(rows, plans, strict=True):
        for step, from_state, to_state, at in steps:
            channel = (
                ReferralTransition.Channel.TASK
                if step in (ReferralTransition.Step.REMINDED, ReferralTransition.Step.EXPIRED)
                else ReferralTransition.Channel.ADMIN
                if step == ReferralTransition.Step.SENT
                else ReferralTransition.Channel.PORTAL
            )
            transitions.append(
                ReferralTransition(
                    referral=referral,
                    step=step,
                    from_state=from_state,
                    to_state=to_state,
                    at=at,
                    channel=channel,
                    by_contact=referral.receiving_referent if channel == "portal" else None,
                )
            )
        if referral.state == Referral.State.ACCEPTED:
            followings.append(
                Following(
                    beneficiary_id=referral.beneficiary_id,
                    organisation=referral.receiving_organisation,
                    referent=referral.receiving_referent,
                    start_date=referral.answered_at.date(),
                    referral=referral,
                )
            )
    create_in_batches(ReferralTransition, transitions)
    # One open following per organisation and person: the first acceptance opens it.
    seen, unique = set(), []
    for following in followings:
        key = (following.beneficiary_id, following.organisation_id)
        if key not in seen:
            seen.add(key)
            unique.append(following)
    create_in_batches(Following, unique)
    return len(rows)
