from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "privacy"

urlpatterns = [
    path(
        _("my-data/"),
        include(
            [
                path("", views.request_link, name="request"),
                path(_("sent/"), views.link_sent, name="sent"),
                path(_("erased/"), views.erased, name="erased"),
                path("<str:token>/", views.my_data, name="data"),
                path("<str:token>/my-data.json", views.download, {"fmt": "json"}, name="json"),
                path("<str:token>/my-data.html", views.download, {"fmt": "html"}, name="html"),
            ]
        ),
    ),
]
