"""The signed-link page for partners without an account: it shows only the referral
the link names, and only while its step (answer, then result) is still to do. A
forged, expired or used link answers 404 with a short explanation."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from . import answers, tokens
from .models import ReferralTransition


@never_cache
def answer(request, token):
    found = tokens.referral_for_token(token)
    if found is None:
        return render(request, "referrals/link_invalid.html", status=404)
    referral, step = found
    outcome = answers.handle(
        request,
        referral,
        by=None,
        by_contact=None,
        default_referent=None,
        channel=ReferralTransition.Channel.LINK,
    )
    if outcome.done:
        referral.refresh_from_db()
        if tokens.still_to_do(referral, tokens.RESULT):
            # Accepted: the same page goes on with the result's own link.
            request.session["referral_message"] = outcome.message
            return redirect(
                "referrals_link:answer", token=tokens.make_token(referral, tokens.RESULT)
            )
        return render(request, "referrals/link_done.html", {"message": outcome.message})
    context = outcome.context | {"message": request.session.pop("referral_message", "")}
    return render(request, "referrals/link.html", context, status=outcome.status)
