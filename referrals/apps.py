from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals and shared pathways")

    def ready(self):
        from . import metrics  # noqa: F401 (registers the referral metrics)
