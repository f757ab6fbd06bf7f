from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from events.sitemaps import sitemaps
from events.views import sitemap_section
from indicators.urls import staff_urlpatterns as indicator_staff_urlpatterns
from referrals.urls import link_urlpatterns as referral_link_urlpatterns

from .health import health
from .media import serve_media
from .robots import robots_txt
from .security import admin_login
from .views import dashboard

admin.site.site_header = _("Lieu ressource – administration")
admin.site.site_title = _("Lieu ressource")
admin.site.index_title = _("Staff workspace")
admin.site.login = admin_login
handler403 = "lieu_ressource.views.permission_denied"

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # An index of sitemap pages, each of a bounded size (see events.sitemaps).
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

# Uploaded media from the application (see lieu_ressource.media), unless a reverse
# proxy serves MEDIA_ROOT itself (SERVE_MEDIA=0).
if settings.SERVE_MEDIA:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media")]

urlpatterns += i18n_patterns(
    path("", include("events.urls")),
    path("", include("partners.urls")),
    path("", include("practices.urls")),
    path("", include("impact.urls")),
    path("", include("privacy.urls")),
)

# Indicators: the comité de suivi pages (reports to download) and the staff drill-down.
urlpatterns += [path("staff/indicators/", include(indicator_staff_urlpatterns))]
urlpatterns += i18n_patterns(path("", include("indicators.urls")))
# The signed link a partner without an account answers a referral through.
urlpatterns += i18n_patterns(path("", include(referral_link_urlpatterns)))

# Staff pages: check-in at the door, follow-up of people. No language prefix (the
# browser's language, as in the admin); a second factor is required under /staff/.
urlpatterns += [
    path(
        "staff/",
        include(
            [
                path("", dashboard, name="staff_dashboard"),
                path("", include("events.staff_urls")),
                path("people/", include("beneficiaries.urls")),
                path("referrals/", include("referrals.urls")),
                path("fse/", include("fse.urls")),
                path("privacy/", include("privacy.staff_urls")),
            ]
        ),
    ),
]
