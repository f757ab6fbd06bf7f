from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .health import health
from .security import admin_login

admin.site.site_header = _("Lieu ressource – administration")
admin.site.site_title = _("Lieu ressource")
admin.site.index_title = _("Staff workspace")
admin.site.login = admin_login

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("events.urls")),
)
