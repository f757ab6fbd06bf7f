"""Emails to the comité de suivi."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lieu_ressource.roles import COMMITTEE

from . import reports
from .models import QuarterlyReport
from .quarters import Quarter


def committee_members():
    """Active comité de suivi members with an email address."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=COMMITTEE)
        .exclude(email="")
        .distinct()
    )


def notify_committee(report_ids):
    """Email every comité de suivi member the links to newly published reports, in
    French and German."""
    published = list(
        QuarterlyReport.objects.filter(pk__in=report_ids)
        .select_related("programme")
        .order_by("programme__code", "year", "quarter", "language")
    )
    recipients = list(committee_members().values_list("email", flat=True))
    if not published or not recipients:
        return 0
    parts, subjects = [], []
    for language in [code for code, _name in settings.LANGUAGES]:
        with translation.override(language):
            lines = [
                {
                    "programme": getattr(r.programme, f"name_{language}") or r.programme.name,
                    "quarter": reports.quarter_label(str(Quarter(r.year, r.quarter))),
                    "language": r.get_language_display(),
                    "version": r.version,
                    "url": settings.SITE_URL + reverse("indicators:download", args=[r.pk]),
                }
                for r in published
            ]
            context = {
                "reports": lines,
                "committee_url": settings.SITE_URL + reverse("indicators:committee"),
            }
            subjects.append(
                render_to_string("indicators/email/reports_published_subject.txt", context).strip()
            )
            parts.append(render_to_string("indicators/email/reports_published.txt", context))
    subject = " / ".join(dict.fromkeys(subjects))
    body = "\n\n---\n\n".join(parts)
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients
    ]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
