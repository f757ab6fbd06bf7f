"""The accessibility statement (déclaration d'accessibilité, RGAA 4.1): what was
tested, how, what is known not to conform, and the conformity status that follows.

RGAA sets the status from an audit's rate of criteria met: 100 % conforms, 50 % or
more partly conforms, and a site without an audit in force does not conform. Our own
checks (below) are a self-assessment, not an audit: until staff enter an audit's rate
(ACCESSIBILITY_AUDIT_RATE), the statement honestly says "not compliant" and lists them.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

RGAA_VERSION = "4.1.2"
FULL = "full"
PARTIAL = "partial"
NONE = "none"

# The RGAA themes our automated and manual checks cover, with how each is checked.
CRITERIA_TESTED = [
    (_("Images (theme 1)"), _("every image has a text alternative or is decorative")),
    (_("Colours (theme 3)"), _("text contrast of at least 4.5:1, information not by colour alone")),
    (_("Links (theme 6)"), _("every link has an explicit name")),
    (_("Scripts (theme 7)"), _("the public pages need no JavaScript")),
    (_("Mandatory elements (theme 8)"), _("valid page language, title and language changes")),
    (_("Structure (theme 9)"), _("headings, lists and landmarks")),
    (_("Presentation (theme 10)"), _("visible focus, reflow at 320 pixels, no content lost")),
    (_("Forms (theme 11)"), _("labels, required fields, errors listed and focused")),
    (_("Navigation (theme 12)"), _("skip link, menus, consistent navigation")),
]
PAGES_TESTED = [
    _("home page"),
    _("agenda, with and without filters"),
    _("an event page with its registration form, and its errors"),
    _("registration confirmation and cancellation pages"),
    _("partners, privacy notice, legal notice and this statement"),
]
KNOWN_NON_CONFORMITIES = [
    _(
        "Event descriptions written in one language only are shown in that language, "
        "marked with their language and a note, until staff translate them."
    ),
    _(
        "Documents and websites of our partners that we link to are not under our "
        "control and may not be accessible."
    ),
    _(
        "Maps are not shown on our pages: each place has a link to OpenStreetMap, whose "
        "accessibility we do not control; directions are always given as text."
    ),
]


@dataclass(frozen=True)
class Statement:
    status: str
    audit_rate: int | None
    established: date


def statement():
    """The statement as settings make it: status from the audit's rate, if any."""
    rate = settings.ACCESSIBILITY_AUDIT_RATE
    if rate is None:
        status = NONE
    elif rate >= 100:
        status = FULL
    elif rate >= 50:
        status = PARTIAL
    else:
        status = NONE
    return Statement(status, rate, settings.ACCESSIBILITY_STATEMENT_DATE)
