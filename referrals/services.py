"""Operations on referrals: send, accept, refuse, record the result, remind, expire,
and follow a person together. Each runs in one transaction, locks the referral it
changes, writes its step to the history and raises `ReferralError` when the step is
not possible; views, admin, links and tasks all call these."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import Beneficiary

from .models import Following, Referral, ReferralTransition, SharedField


class ReferralError(Exception):
    """A step that the referral's state does not allow; the message says why."""


ALREADY_ANSWERED = _("This referral has already been answered.")
NOT_ACCEPTED = _("Only an accepted referral can get a result.")
ALREADY_PENDING = _("A referral of this person to this organisation already awaits its answer.")


def _step(referral, step, from_state, *, at, by=None, by_contact=None, channel, detail=""):
    ReferralTransition.objects.create(
        referral=referral,
        step=step,
        from_state=from_state,
        to_state=referral.state,
        at=at,
        by=by,
        by_contact=by_contact,
        channel=channel,
        detail=detail[:500],
    )


def _locked(referral):
    return Referral.objects.select_for_update().get(pk=referral.pk)


def send_referral(
    beneficiary,
    receiving_organisation,
    *,
    reason,
    looking_for,
    shared_fields,
    consent_at,
    sent_by=None,
    sending_organisation=None,
    now=None,
    channel=ReferralTransition.Channel.ADMIN,
):
    """Refer `beneficiary` to `receiving_organisation` with the person's consent to
    share `shared_fields`; it expires after REFERRAL_EXPIRY_DAYS. The organisation's
    contacts are emailed once the transaction commits. Refused while a referral of
    the person to that organisation still awaits its answer."""
    now = now or timezone.now()
    if consent_at is None or consent_at > now:
        raise ReferralError(_("The person's consent to share their data is needed first."))
    unknown = set(shared_fields) - set(SharedField.values)
    if unknown:
        raise ReferralError(_("Unknown data to share: %s") % ", ".join(sorted(unknown)))
    if sending_organisation is not None and sending_organisation == receiving_organisation:
        raise ReferralError(_("An organisation cannot refer a person to itself."))
    with transaction.atomic():
        # The person's row is the lock: two sends at once (a double tap, two
        # referents) cannot both find no referral awaiting an answer.
        Beneficiary.objects.select_for_update().filter(pk=beneficiary.pk).first()
        if Referral.objects.filter(
            beneficiary=beneficiary,
            receiving_organisation=receiving_organisation,
            state=Referral.State.SENT,
        ).exists():
            raise ReferralError(ALREADY_PENDING)
        referral = Referral.objects.create(
            beneficiary=beneficiary,
            receiving_organisation=receiving_organisation,
            sending_organisation=sending_organisation,
            reason=reason,
            looking_for=looking_for,
            shared_fields=[f for f in SharedField.values if f in shared_fields],
            consent_at=consent_at,
            sent_by=sent_by,
            sent_at=now,
            expires_at=now + datetime.timedelta(days=settings.REFERRAL_EXPIRY_DAYS),
        )
        _step(referral, ReferralTransition.Step.SENT, "", at=now, by=sent_by, channel=channel)
        transaction.on_commit(lambda: _queue_email(referral.pk, "arrival"))
    return referral


def _queue_email(referral_id, kind):
    from .tasks import send_referral_email

    send_referral_email.delay(referral_id, kind)


def _answerable(referral, now):
    if referral.state != Referral.State.SENT:
        raise ReferralError(ALREADY_ANSWERED)
    if referral.expires_at <= now:
        raise ReferralError(_("This referral has expired: it can no longer be answered."))


def accept_referral(referral, referent, *, by=None, channel, now=None):
    """The receiving organisation takes the person on, with `referent` (one of its
    contacts) as their referent: the organisation now follows the person."""
    now = now or timezone.now()
    if referent is None or referent.organisation_id != referral.receiving_organisation_id:
        raise ReferralError(_("Choose a referent of the receiving organisation."))
    with transaction.atomic():
        referral = _locked(referral)
        _answerable(referral, now)
        referral.state = Referral.State.ACCEPTED
        referral.answered_at = now
        referral.receiving_referent = referent
        referral.save(update_fields=["state", "answered_at", "receiving_referent"])
        _step(
            referral,
            ReferralTransition.Step.ACCEPTED,
            Referral.State.SENT,
            at=now,
            by=by,
            by_contact=referent if by is None else None,
            channel=channel,
        )
        follow(
            referral.beneficiary,
            referral.receiving_organisation,
            referent=referent,
            start_date=timezone.localdate(now),
            referral=referral,
        )
        # The referent gets the link to record the result later.
        transaction.on_commit(lambda: _queue_email(referral.pk, "accepted"))
    return referral


def refuse_referral(referral, reason, comment="", *, by=None, by_contact=None, channel, now=None):
    """The receiving organisation declines, with a reason from the fixed list."""
    now = now or timezone.now()
    if reason not in Referral.RefusalReason.values:
        raise ReferralError(_("Choose a reason for the refusal."))
    with transaction.atomic():
        referral = _locked(referral)
        _answerable(referral, now)
        referral.state = Referral.State.REFUSED
        referral.answered_at = now
        referral.refusal_reason = reason
        referral.refusal_comment = comment[:500]
        referral.save(update_fields=["state", "answered_at", "refusal_reason", "refusal_comment"])
        _step(
            referral,
            ReferralTransition.Step.REFUSED,
            Referral.State.SENT,
            at=now,
            by=by,
            by_contact=by_contact,
            channel=channel,
            detail=reason,
        )
    return referral


def record_result(referral, result, date, *, by=None, by_contact=None, channel, now=None):
    """What became of an accepted referral (support started, job, training, none),
    with its date; a later call corrects it and is kept in the history too."""
    now = now or timezone.now()
    if result not in Referral.Result.values:
        raise ReferralError(_("Choose a result."))
    if date is None or date > timezone.localdate(now):
        raise ReferralError(_("The date of the result cannot be in the future."))
    with transaction.atomic():
        referral = _locked(referral)
        if referral.state != Referral.State.ACCEPTED:
            raise ReferralError(NOT_ACCEPTED)
        if date < timezone.localdate(referral.sent_at):
            raise ReferralError(_("The date of the result cannot precede the referral."))
        referral.result = result
        referral.result_date = date
        referral.save(update_fields=["result", "result_date"])
        _step(
            referral,
            ReferralTransition.Step.RESULT,
            Referral.State.ACCEPTED,
            at=now,
            by=by,
            by_contact=by_contact,
            channel=channel,
            detail=f"{result} {date.isoformat()}",
        )
    return referral


def remind_due(now=None):
    """Claim every unanswered referral sent REFERRAL_REMINDER_DAYS ago or more and not
    reminded yet, and return their ids (the caller emails them). The claim is an
    UPDATE that matches only while no reminder is recorded, and the history allows
    one reminder per referral: a second run finds nothing."""
    now = now or timezone.now()
    threshold = now - datetime.timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    due = Referral.objects.filter(
        state=Referral.State.SENT,
        reminder_sent_at__isnull=True,
        sent_at__lte=threshold,
        expires_at__gt=now,
    ).values_list("pk", flat=True)
    claimed = []
    for pk in list(due):
        with transaction.atomic():
            if not Referral.objects.filter(
                pk=pk, state=Referral.State.SENT, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now):
                continue
            referral = Referral.objects.get(pk=pk)
            try:
                with transaction.atomic():
                    _step(
                        referral,
                        ReferralTransition.Step.REMINDED,
                        Referral.State.SENT,
                        at=now,
                        channel=ReferralTransition.Channel.TASK,
                    )
            except IntegrityError:
                continue
            claimed.append(pk)
    return claimed


def expire_due(now=None):
    """Mark expired every referral still unanswered at its expiry; returns their ids."""
    now = now or timezone.now()
    expired = []
    for pk in list(
        Referral.objects.filter(state=Referral.State.SENT, expires_at__lte=now).values_list(
            "pk", flat=True
        )
    ):
        with transaction.atomic():
            referral = Referral.objects.select_for_update().get(pk=pk)
            if referral.state != Referral.State.SENT:
                continue
            referral.state = Referral.State.EXPIRED
            referral.answered_at = now
            referral.save(update_fields=["state", "answered_at"])
            _step(
                referral,
                ReferralTransition.Step.EXPIRED,
                Referral.State.SENT,
                at=now,
                channel=ReferralTransition.Channel.TASK,
            )
            expired.append(pk)
    return expired


def follow(beneficiary, organisation, *, referent=None, start_date, referral=None):
    """`organisation` follows `beneficiary` from `start_date` (kept as it is when it
    already does)."""
    following, created = Following.objects.get_or_create(
        beneficiary=beneficiary,
        organisation=organisation,
        end_date=None,
        defaults={"referent": referent, "start_date": start_date, "referral": referral},
    )
    return following


def stop_following(following, end_date):
    """The organisation stops following the person on `end_date`."""
    following.end_date = end_date
    following.full_clean()
    following.save(update_fields=["end_date"])
    return following
