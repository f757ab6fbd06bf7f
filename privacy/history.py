"""The change history of registrations and attendance (django-simple-history,
registered in privacy/models.py): who changed a status, a presence, a link to a
followed person. It goes with the person when they are anonymised."""

from django.db.models import Q

from events.models import Attendance, Registration


def purge_history(*, registration_ids=(), beneficiary_ids=()):
    """Delete the history rows of these registrations, of the attendance they led to,
    and of every registration and attendance of these followed people."""
    registration_ids, beneficiary_ids = list(registration_ids), list(beneficiary_ids)
    if beneficiary_ids:
        registration_ids += list(
            Registration.objects.filter(beneficiary_id__in=beneficiary_ids).values_list(
                "pk", flat=True
            )
        )
        registration_ids += list(
            Registration.history.filter(beneficiary_id__in=beneficiary_ids).values_list(
                "id", flat=True
            )
        )
    Registration.history.filter(id__in=registration_ids).delete()
    Attendance.history.filter(
        Q(registration_id__in=registration_ids) | Q(beneficiary_id__in=beneficiary_ids)
    ).delete()


def registration_changes(registration):
    """The registration's history, oldest first, with who made each change."""
    return Registration.history.filter(id=registration.pk).select_related("history_user")


def attendance_changes(attendance):
    return Attendance.history.filter(id=attendance.pk).select_related("history_user")
