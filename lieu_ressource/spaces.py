"""Each role's own space: where an account lands after logging in, what the link to
it says on every page, and what the 403 page tells it it can do instead.

- the team (group équipe) and superusers: the staff dashboard;
- a partner referent: the people their organisation refers (the caseload);
- a comité de suivi member: the published reports;
- another admin account (is_staff, no role): the admin;
- an account with no role: the public home page.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import is_staff_member

VIEW_PEOPLE = "beneficiaries.view_beneficiary"
READ_REPORTS = "indicators.view_quarterlyreport"


@dataclass(frozen=True)
class Space:
    role: str  # "team", "partner_referent", "committee", "admin", "none" or "anonymous"
    url: str
    name: str
    # What this role can do, for the 403 page: one sentence.
    can_do: str


def space_of(user):
    """The space of this account (the login page for a visitor)."""
    if not user.is_authenticated:
        return Space(
            "anonymous",
            reverse("account_login"),
            _("Log in"),
            _("This page is for the accounts of the centre's team and its partners."),
        )
    if is_staff_member(user):
        return Space(
            "team",
            reverse("staff_dashboard"),
            _("Dashboard"),
            _(
                "Your account belongs to the centre's team, but this page needs a "
                "permission it does not have. An administrator can give it to you."
            ),
        )
    if user.is_active and user.has_perm(VIEW_PEOPLE):
        return Space(
            "partner_referent",
            reverse("beneficiaries:caseload"),
            _("People we follow"),
            _(
                "As a partner referent, you follow the people your organisation refers: "
                "their pathways, outcomes and contact notes. Registrations, check-in and "
                "the team's pages are for the centre's team."
            ),
        )
    if user.is_active and user.has_perm(READ_REPORTS):
        return Space(
            "committee",
            reverse("indicators:committee"),
            _("Committee reports"),
            _(
                "As a member of the comité de suivi, you read the published quarterly "
                "reports. Personal data and the team's pages are not shown to the "
                "committee."
            ),
        )
    if user.is_active and user.is_staff:
        return Space(
            "admin",
            reverse("admin:index"),
            _("Administration"),
            _("Your account opens the administration, where you see what it may change."),
        )
    return Space(
        "none",
        reverse("events:home"),
        _("Home page"),
        _(
            "Your account has no role yet: the centre's team gives each account its "
            "role. Until then you see the public pages."
        ),
    )
