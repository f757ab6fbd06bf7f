from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FseConfig(AppConfig):
    name = "fse"
    verbose_name = _("FSE+ participants")

    def ready(self):
        # The FSE+ common indicators join the registry of indicators.metrics.
        from . import metrics  # noqa: F401
