"""What a visitor should bring to an event: the text staff wrote for it (FR/DE) or,
when they left it empty, the usual advice of its format (a CV for a recruitment
meeting, …). Shown on the event page and in the confirmation and reminder emails."""

from django.utils.translation import gettext_lazy as _

from .models import Event

# Only formats where the same advice holds for every session; others show nothing
# unless staff write something.
FORMAT_ADVICE = {
    Event.Format.RECRUITMENT_MEETING: _(
        "Several printed copies of your CV (in the neighbouring country's language as well "
        "if you are looking for work across the border) and your questions for the employers."
    ),
    Event.Format.COMPANY_VISIT: _(
        "An identity document: some companies ask for it at the entrance. Comfortable "
        "closed shoes for the walk through the premises."
    ),
    Event.Format.PERMANENCE: _(
        "Your CV if you have one, and any papers about your situation (job-seeker "
        "registration, job offer, contract) you would like to talk about."
    ),
}


def format_advice(event_format):
    """The usual advice of a format in the active language, or ""."""
    advice = FORMAT_ADVICE.get(event_format)
    return str(advice) if advice else ""
