"""The answer and result forms of one referral, handled alike in the portal and
through the signed link: parse, call the service, say what happened."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import selectors, services
from .forms import ACCEPT, AnswerForm, ResultForm
from .models import Referral


@dataclass
class Outcome:
    done: bool = False
    message: str = ""
    status: int = 200
    context: dict = field(default_factory=dict)


def handle(request, referral, *, by, by_contact, default_referent, channel):
    """GET: the page's context. POST: the answer or the result, through the services;
    a form with errors comes back with what was typed (status 400)."""
    answer_form = result_form = None
    if referral.state == Referral.State.SENT:
        answer_form = AnswerForm(
            request.POST if request.method == "POST" else None,
            referral=referral,
            default_referent=default_referent,
        )
    elif referral.state == Referral.State.ACCEPTED:
        result_form = ResultForm(
            request.POST if request.method == "POST" else None,
            initial={"result": referral.result, "date": referral.result_date},
        )
    outcome = Outcome()
    if request.method == "POST":
        form = answer_form or result_form
        if form is None:
            outcome.status = 400
            outcome.context["error"] = _("This referral has already been answered.")
        elif form.is_valid():
            try:
                outcome.message = _apply(
                    referral, form, by=by, by_contact=by_contact, channel=channel
                )
                outcome.done = True
                return outcome
            except services.ReferralError as error:
                form.add_error(None, str(error))
                outcome.status = 400
        else:
            outcome.status = 400
    outcome.context.update(
        referral=referral,
        shared=selectors.shared_data(referral),
        steps=list(referral.transitions.select_related("by", "by_contact")),
        answer_form=answer_form,
        result_form=result_form,
    )
    return outcome


def _apply(referral, form, *, by, by_contact, channel):
    data = form.cleaned_data
    if isinstance(form, ResultForm):
        services.record_result(
            referral, data["result"], data["date"], by=by, by_contact=by_contact, channel=channel
        )
        return _("The result is recorded. Thank you.")
    if data["decision"] == ACCEPT:
        services.accept_referral(referral, data["referent"], by=by, channel=channel)
        return _("The referral is accepted: the person is now followed by your organisation.")
    services.refuse_referral(
        referral,
        data["refusal_reason"],
        data["comment"],
        by=by,
        by_contact=by_contact,
        channel=channel,
    )
    return _("The referral is refused. The centre is informed.")
