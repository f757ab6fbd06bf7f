"""The roles of the portal, as Django groups, and who may see personal data.

- staff (équipe): the Maison de l'emploi team, full edit of the four apps;
- partner referent (référent partenaire): follows the beneficiaries their
  organisation refers, sees events but not who registered;
- comité de suivi: the steering committee, reads published reports only.
"""

STAFF = "équipe"
PARTNER_REFERENT = "référent partenaire"
COMMITTEE = "comité de suivi"

DOMAIN_APPS = ("partners", "events", "beneficiaries", "indicators")

# Permissions by role, as "app_label.codename", granted by migration 0001_roles; STAFF
# gets every permission of the domain apps, so it is not listed here. Contact notes
# came later: migration 0002 gives them to STAFF, and view/add/change to referents.
ROLE_PERMISSIONS = {
    PARTNER_REFERENT: [
        "beneficiaries.view_beneficiary",
        "beneficiaries.add_beneficiary",
        "beneficiaries.change_beneficiary",
        "beneficiaries.view_pathway",
        "beneficiaries.add_pathway",
        "beneficiaries.change_pathway",
        "beneficiaries.view_outcome",
        "beneficiaries.add_outcome",
        "beneficiaries.change_outcome",
        "beneficiaries.view_priorityneighbourhood",
        "events.view_event",
        "partners.view_organisation",
    ],
    COMMITTEE: ["indicators.view_quarterlyreport"],
}

# Groups whose members see personal data: a second factor is required of them.
PERSONAL_DATA_ROLES = (STAFF, PARTNER_REFERENT)


def _role_names(user):
    """The names of the user's groups, read once per user object (as Django keeps its
    permission cache): an admin page asks about the role many times."""
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names


def sees_personal_data(user):
    """True for accounts that can reach beneficiaries or registrations."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return not _role_names(user).isdisjoint(PERSONAL_DATA_ROLES)


def is_staff_member(user):
    """True for the Maison de l'emploi team (group équipe) and superusers: the
    accounts with full access to people, registrations and attendance."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or STAFF in _role_names(user)
