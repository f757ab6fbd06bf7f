"""The public partners page and the employers' page."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from events import page_cache, registration_state
from events import selectors as event_selectors

from . import selectors
from .models import Country

SIDE_HEADINGS = {
    Country.FRANCE: _("On the French side of the Rhine"),
    Country.GERMANY: _("On the German side of the Rhine"),
    Country.SWITZERLAND: _("In Switzerland"),
}

# What each format offers an employer (the page's text; the events come from the agenda).
EMPLOYER_FORMAT_TEXTS = {
    "employer_afterwork": _(
        "An evening among employers from both sides of the Rhine: recruiting across "
        "the border, apprenticeships, the rules of each country, with our partners."
    ),
    "recruitment_meeting": _(
        "Meet candidates prepared by the centre and its partners, in short interviews, "
        "for the jobs you have to fill in France or in Germany."
    ),
    "company_visit": _(
        "Open your doors to job seekers and students: they discover your trades, "
        "you meet the people you will recruit tomorrow."
    ),
}


def partner_list(request):
    def context():
        organisations = list(selectors.public_organisations().order_by("name"))
        events = selectors.coming_events_by_organisation(organisations)
        by_country = {code: [] for code in Country.values}
        for organisation in organisations:
            organisation.coming_events = events.get(organisation.pk, [])
            by_country[organisation.country].append(organisation)
        sides = [
            {
                "country": country,
                "heading": SIDE_HEADINGS[country],
                "organisations": by_country[country],
            }
            for country in Country.values
            if by_country[country]
        ]
        return {"sides": sides, "nav": "partners"}

    return page_cache.cached_page(request, "partners/partner_list.html", context)


def employers(request):
    def context():
        formats = [
            {
                "code": event_format.value,
                "label": event_format.label,
                "text": EMPLOYER_FORMAT_TEXTS[event_format.value],
                "events": events,
            }
            for event_format, events in selectors.coming_employer_events()
        ]
        listed = [event for entry in formats for event in entry["events"]]
        centre = event_selectors.centre_venue()
        return {
            "formats": formats,
            "centre": centre,
            "contact_email": (centre.email if centre else "") or settings.PUBLIC_CONTACT_EMAIL,
            "nav": "employers",
            # The events' badges must not outlive a registration opening or a start.
            "cache_seconds": registration_state.seconds_to_next_change(
                listed, longest=page_cache.PAGE_SECONDS
            ),
        }

    return page_cache.cached_page(request, "partners/employers.html", context)
