from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "impact"

urlpatterns = [
    path(
        _("impact/"),
        include(
            [
                path("", views.impact, name="page"),
                path(_("figures.csv"), views.impact_csv, name="csv"),
            ]
        ),
    ),
]
