"""Public pages of the personal-data rights: ask for the signed link, then see,
download, cancel, withdraw consent to reminders and erase. The pages reached by the
link show personal data: never cached (lieu_ressource/headers.py), never indexed."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events import ratelimit

from . import holdings, rights, tasks
from .forms import ErasureForm, LinkRequestForm
from .models import RightsRequest
from .tokens import email_for_token

SELF = RightsRequest.Channel.SELF_SERVICE


@require_http_methods(["GET", "HEAD", "POST"])
def request_link(request):
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST":
        if ratelimit.exceeded(request, "privacy_link"):
            return render(request, "privacy/too_many_requests.html", {"private": True}, status=429)
        if form.is_spam:
            return redirect("privacy:sent")
        if form.is_valid():
            # The same answer whatever the address: the task decides whether to send.
            tasks.send_rights_link.delay(form.cleaned_data["email"], get_language()[:2])
            return redirect("privacy:sent")
    return render(
        request,
        "privacy/request.html",
        {"form": form, "nav": "privacy", "link_hours": settings.PRIVACY_LINK_HOURS},
    )


def link_sent(request):
    return render(request, "privacy/sent.html", {"nav": "privacy"})


def _email_or_404(token):
    email = email_for_token(token)
    if email is None:
        raise Http404(_("This link is not valid or has expired. You can ask for a new one."))
    return email


def _page(request, email, token, **extra):
    data = holdings.registrant_export(email)
    coming = [r for r in data["registrations"] if r["status"] != "cancelled"]
    context = {
        "data": data,
        "token": token,
        "private": True,
        "nav": "privacy",
        # A followed person's file (pathways, notes) is answered by the team, who
        # can check who asks: the page says so rather than showing it.
        "is_followed": holdings.followed_people_of(email).exists(),
        "has_coming": any(
            holdings.is_future_and_active(r) for r in holdings.registrations_of(email)
        ),
        "active": coming,
        "erasure_form": ErasureForm(),
        **extra,
    }
    return render(request, "privacy/data.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def my_data(request, token):
    """GET lists what we hold; POST does one action (mail scanners only GET)."""
    email = _email_or_404(token)
    if request.method != "POST":
        return _page(request, email, token, done=request.GET.get("done", ""))
    action = request.POST.get("action")
    if action == "cancel":
        rights.cancel_coming_registrations(email, channel=SELF)
    elif action == "reminders":
        rights.withdraw_reminder_consent(email, channel=SELF)
    elif action == "erase":
        form = ErasureForm(request.POST)
        if not form.is_valid():
            return _page(request, email, token, erasure_form=form)
        rights.erase(email, channel=SELF)
        return redirect("privacy:erased")
    else:
        return _page(request, email, token)
    return redirect(reverse("privacy:data", args=[token]) + f"?done={action}")


def erased(request):
    return render(request, "privacy/erased.html", {"nav": "privacy", "private": True})


def download(request, token, fmt):
    email = _email_or_404(token)
    data = holdings.registrant_export(email)
    rights.export(email, channel=SELF)
    if fmt == "json":
        content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
    else:
        content = render_to_string("privacy/export.html", {"data": data}, request=request)
        response = HttpResponse(content, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data.{fmt}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
