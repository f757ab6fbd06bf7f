"""A referral's life through the services and the beat task: sent, reminded at 10
days, accepted, its result; refused with a reason; expired at 30 days, the task run
twice sending no email twice."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from referrals import services, tasks
from referrals.models import Following, Referral, ReferralTransition
from tests.factories import ContactFactory, OrganisationFactory

from .helpers import send

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def spt():
    """The Service de Placement Transfrontalier in Kehl, with one contact."""
    organisation = OrganisationFactory(name="Service de Placement Transfrontalier", german=True)
    ContactFactory(organisation=organisation, email="spt@example.de", first_name="Jana")
    return organisation


def steps(referral):
    return list(referral.transitions.values_list("step", flat=True))


def run_beat(now, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: now)
    return tasks.remind_and_expire_referrals()


def test_whole_cycle_send_remind_accept_result(
    spt, monkeypatch, django_capture_on_commit_callbacks
):
    sent_at = timezone.now() - 12 * DAY
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(organisation=spt, now=sent_at)
    # The arrival email, in German for a partner in Kehl, with the signed link.
    assert [m.to for m in mail.outbox] == [["spt@example.de"]]
    assert "Vermittlung" in mail.outbox[0].subject or "Orientierung" in mail.outbox[0].subject
    assert "/de/" in mail.outbox[0].body
    assert referral.expires_at == sent_at + 30 * DAY

    # Nine days on: no reminder yet.
    assert run_beat(sent_at + 9 * DAY, monkeypatch) == {"expired": 0, "reminded": 0}
    # Ten days on: one reminder, and not a second one.
    assert run_beat(sent_at + 10 * DAY, monkeypatch) == {"expired": 0, "reminded": 1}
    assert run_beat(sent_at + 10 * DAY + datetime.timedelta(hours=1), monkeypatch)["reminded"] == 0
    assert len(mail.outbox) == 2
    monkeypatch.undo()

    referent = spt.contacts.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_referral(referral, referent, channel=ReferralTransition.Channel.LINK)
    referral.refresh_from_db()
    assert referral.state == Referral.State.ACCEPTED
    assert referral.receiving_referent == referent
    following = Following.objects.get(beneficiary=referral.beneficiary, organisation=spt)
    assert following.referral == referral and following.referent == referent
    # The referent gets the link to record the result.
    assert len(mail.outbox) == 3

    services.record_result(
        referral, Referral.Result.JOB, timezone.localdate(), channel=ReferralTransition.Channel.LINK
    )
    referral.refresh_from_db()
    assert (referral.result, referral.result_date) == ("job", timezone.localdate())
    assert steps(referral) == ["sent", "reminded", "accepted", "result"]


def test_refusal_needs_a_reason_from_the_list_and_keeps_the_comment(spt):
    referral = send(organisation=spt)
    with pytest.raises(services.ReferralError):
        services.refuse_referral(referral, "no idea", channel="portal")
    services.refuse_referral(
        referral, Referral.RefusalReason.OUT_OF_AREA, "Hors Ortenau", channel="portal"
    )
    referral.refresh_from_db()
    assert (referral.state, referral.refusal_reason, referral.refusal_comment) == (
        "refused",
        "out_of_area",
        "Hors Ortenau",
    )
    assert steps(referral) == ["sent", "refused"]
    assert not Following.objects.exists()


def test_a_referral_is_answered_once(spt):
    referral = send(organisation=spt)
    services.refuse_referral(referral, Referral.RefusalReason.NO_CAPACITY, channel="portal")
    with pytest.raises(services.ReferralError):
        services.accept_referral(referral, spt.contacts.get(), channel="portal")
    with pytest.raises(services.ReferralError):
        services.record_result(referral, "job", timezone.localdate(), channel="portal")


def test_accepting_needs_a_referent_of_the_receiving_organisation(spt):
    referral = send(organisation=spt)
    with pytest.raises(services.ReferralError):
        services.accept_referral(referral, ContactFactory(), channel="portal")
    assert Referral.objects.get().state == Referral.State.SENT


def test_expires_at_30_days_by_the_beat_task_run_twice(
    spt, monkeypatch, django_capture_on_commit_callbacks
):
    sent_at = timezone.now() - 40 * DAY
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(organisation=spt, now=sent_at)
    assert len(mail.outbox) == 1
    # Day 29: reminded (it was never reminded before), not expired.
    assert run_beat(sent_at + 29 * DAY, monkeypatch) == {"expired": 0, "reminded": 1}
    # Day 30, twice: expired once, no email either time.
    assert run_beat(sent_at + 30 * DAY, monkeypatch) == {"expired": 1, "reminded": 0}
    assert run_beat(sent_at + 30 * DAY, monkeypatch) == {"expired": 0, "reminded": 0}
    monkeypatch.undo()
    referral.refresh_from_db()
    assert referral.state == Referral.State.EXPIRED
    assert len(mail.outbox) == 2
    assert steps(referral) == ["sent", "reminded", "expired"]
    with pytest.raises(services.ReferralError):
        services.accept_referral(referral, spt.contacts.get(), channel="portal")


def test_a_referral_not_reminded_in_time_expires_without_a_late_reminder(spt, monkeypatch):
    sent_at = timezone.now() - 40 * DAY
    referral = send(organisation=spt, now=sent_at)
    mail.outbox.clear()
    assert run_beat(sent_at + 31 * DAY, monkeypatch) == {"expired": 1, "reminded": 0}
    assert mail.outbox == []
    assert steps(Referral.objects.get(pk=referral.pk)) == ["sent", "expired"]


def test_unanswered_past_expiry_cannot_be_accepted_before_the_task_runs(spt):
    referral = send(organisation=spt, now=timezone.now() - 31 * DAY)
    with pytest.raises(services.ReferralError):
        services.accept_referral(referral, spt.contacts.get(), channel="portal")


def test_the_history_keeps_one_reminder_per_referral(spt):
    referral = send(organisation=spt)
    ReferralTransition.objects.create(
        referral=referral,
        step="reminded",
        from_state="sent",
        to_state="sent",
        at=timezone.now(),
        channel="task",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferralTransition.objects.create(
            referral=referral,
            step="reminded",
            from_state="sent",
            to_state="sent",
            at=timezone.now(),
            channel="task",
        )


def test_sending_needs_consent_and_known_fields(spt):
    with pytest.raises(services.ReferralError):
        send(organisation=spt, consent_at=timezone.now() + DAY)
    with pytest.raises(services.ReferralError):
        send(organisation=spt, shared=("passport",))
    assert not Referral.objects.exists()


def test_a_result_cannot_be_in_the_future(spt):
    referral = send(organisation=spt)
    services.accept_referral(referral, spt.contacts.get(), channel="portal")
    with pytest.raises(services.ReferralError):
        services.record_result(referral, "job", timezone.localdate() + DAY, channel="portal")


def test_emails_are_in_the_receiving_organisations_language(django_capture_on_commit_callbacks):
    mission_locale = OrganisationFactory(name="Mission locale de Strasbourg")
    ContactFactory(organisation=mission_locale, email="ml@example.org")
    ContactFactory(organisation=mission_locale, email="")
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(organisation=mission_locale)
    (email,) = mail.outbox
    assert email.to == ["ml@example.org"]
    assert email.subject == "Une orientation pour votre structure : Mission locale de Strasbourg"
    assert "/fr/orientation/" in email.body
    # No name in an email: the reference only.
    assert referral.beneficiary.reference in email.body
    assert referral.beneficiary.last_name not in email.body
    html = email.alternatives[0][0]
    assert '<html lang="fr">' in html


def test_anonymising_a_person_keeps_the_figures_and_blanks_the_text(spt):
    from beneficiaries.models import Beneficiary
    from beneficiaries.retention import anonymise_beneficiaries
    from beneficiaries.services import export_personal_data

    referral = send(organisation=spt, reason="Projet à Kehl", looking_for="Cariste")
    services.refuse_referral(referral, "no_capacity", "Complet", channel="portal")
    exported = export_personal_data(referral.beneficiary)["referrals"]
    assert [(r["reason"], r["state"]) for r in exported] == [("Projet à Kehl", "refused")]
    anonymise_beneficiaries(Beneficiary.objects.filter(pk=referral.beneficiary_id))
    referral.refresh_from_db()
    assert (referral.reason, referral.looking_for, referral.refusal_comment) == ("", "", "")
    assert (referral.state, referral.refusal_reason) == ("refused", "no_capacity")
    assert not Referral.history.filter(id=referral.pk).exists()
