from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "practices"

urlpatterns = [
    path(
        _("practices/"),
        include(
            [
                path("", views.practice_list, name="list"),
                path("<int:pk>-<str:slug>/", views.practice_detail, name="detail"),
            ]
        ),
    ),
]
