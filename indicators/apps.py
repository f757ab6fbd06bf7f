from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators and reports")

    def ready(self):
        from . import denominators  # noqa: F401 (registers the denominator metrics)
