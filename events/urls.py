from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "events"

# Only the plain words of each address are translated; the parameters stay outside
# the translated strings so that a translation cannot break them.
event_patterns = [
    path("", views.agenda, name="agenda"),
    path(_("past/"), views.past_events, name="past"),
    path("agenda.ics", views.agenda_calendar, name="agenda_ics"),
    path("<int:pk>/", views.event_redirect, name="detail_short"),
    path("<int:pk>/event.ics", views.event_calendar, name="event_ics"),
    path("<int:pk>-<str:slug>/", views.event_detail, name="detail"),
]

registration_patterns = [
    path("<str:token>/", views.registration_done, name="registration_done"),
    path(
        _("cancel/"),
        include([path("<str:token>/", views.cancel_registration, name="cancel")]),
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path(_("events/"), include(event_patterns)),
    path(_("registration/"), include(registration_patterns)),
    path(_("privacy/"), views.privacy, name="privacy"),
    path(_("legal-notice/"), views.legal_notice, name="legal"),
    path(_("accessibility/"), views.accessibility_statement, name="accessibility"),
]
