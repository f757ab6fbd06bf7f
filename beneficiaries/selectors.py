"""Reads for the follow-up pages: caseloads and drop-out risks."""

import datetime

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from events.models import Attendance
from lieu_ressource.roles import is_staff_member

from .models import Beneficiary, ContactNote, Pathway


def _last_attendance_date(person_ref):
    return Subquery(
        Attendance.objects.filter(beneficiary=OuterRef(person_ref), present=True)
        .order_by("-event__start")
        .values("event__start__date")[:1]
    )


def _last_contact_date(person_ref):
    return Subquery(
        ContactNote.objects.filter(beneficiary=OuterRef(person_ref))
        .order_by("-date")
        .values("date")[:1]
    )


def visible_beneficiaries(user):
    """The people this account may see: all for staff, their organisation's
    referrals for a partner referent, nobody otherwise."""
    people = Beneficiary.objects.all()
    if is_staff_member(user):
        return people
    contact = getattr(user, "partner_contact", None)
    if contact is None:
        return people.none()
    return people.filter(referring_organisation_id=contact.organisation_id)


def caseload(user):
    """The people this referent follows, with their last attendance and contact."""
    return (
        visible_beneficiaries(user)
        .filter(referent=user, anonymised_at__isnull=True)
        .select_related("neighbourhood", "referring_organisation")
        .annotate(
            last_attendance=_last_attendance_date("pk"),
            last_contact=_last_contact_date("pk"),
        )
        .order_by("last_name", "first_name")
    )


def quiet_pathways(today=None, weeks=None):
    """Open pathways, of every person, with no attendance and no contact for `weeks`
    weeks (DROPOUT_WEEKS by default), counted from the pathway's start."""
    today = today or timezone.localdate()
    weeks = weeks or settings.DROPOUT_WEEKS
    threshold = today - datetime.timedelta(weeks=weeks)
    return (
        Pathway.objects.filter(status=Pathway.Status.OPEN)
        .annotate(
            last_attendance=_last_attendance_date("beneficiary"),
            last_contact=_last_contact_date("beneficiary"),
            last_activity=Greatest(
                Coalesce(F("last_attendance"), F("start_date")),
                Coalesce(F("last_contact"), F("start_date")),
            ),
        )
        .filter(last_activity__lt=threshold)
    )


def dropout_risks(user, today=None, weeks=None):
    """The quiet pathways (see `quiet_pathways`) of this referent's people, quietest
    first."""
    return (
        quiet_pathways(today, weeks)
        .filter(beneficiary__in=visible_beneficiaries(user).filter(referent=user))
        .select_related("beneficiary")
        .order_by("last_activity")
    )
