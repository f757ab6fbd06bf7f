"""Personal data in referrals, for the beneficiaries' retention and data requests: an
anonymised person's referrals keep their states, dates and results (the figures),
lose their free text, and their change history goes."""

from .models import Following, Referral


def anonymise_referrals(beneficiary_ids):
    """Blank the free text of these people's referrals and drop their history."""
    Referral.objects.filter(beneficiary_id__in=beneficiary_ids).update(
        reason="", looking_for="", refusal_comment=""
    )
    Referral.history.filter(beneficiary_id__in=beneficiary_ids).delete()
    Following.history.filter(beneficiary_id__in=beneficiary_ids).delete()


def referrals_of(beneficiary):
    """A person's referrals as plain data (RGPD right of access)."""
    return [
        {
            "receiving_organisation": referral.receiving_organisation.name,
            "reason": referral.reason,
            "looking_for": referral.looking_for,
            "consent_at": referral.consent_at,
            "data_shared": referral.shared_fields,
            "sent_at": referral.sent_at,
            "state": referral.state,
            "answered_at": referral.answered_at,
            "refusal_reason": referral.refusal_reason,
            "result": referral.result,
            "result_date": referral.result_date,
        }
        for referral in beneficiary.referrals.select_related("receiving_organisation").order_by(
            "sent_at"
        )
    ]
