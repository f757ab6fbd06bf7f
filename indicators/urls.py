from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "indicators"

# Pages of the comité de suivi, under the language prefix. Only the plain words are
# translated; the parameters stay outside the translated strings.
urlpatterns = [
    path(
        _("committee/"),
        include(
            [
                path("", views.committee_reports, name="committee"),
                path("<int:pk>/report.pdf", views.download_report, name="download"),
            ]
        ),
    ),
]

# Staff pages that show personal data live under /staff/ (no language prefix), where
# the two-factor requirement applies.
staff_urlpatterns = (
    [
        path(
            "<int:pk>/<str:quarter>/",
            views.indicator_records,
            name="indicator_records",
        ),
    ],
    "indicators_staff",
)
