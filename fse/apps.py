from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FseConfig(AppConfig):
    name = "fse"
    verbose_name = _("FSE+ participants")

    def ready(self):
        # The FSE+ common indicators join the registry of indicators.metrics, and
        # the participants' file is a format of `manage.py export_indicators`.
        from indicators import exports

        from . import (
            metrics,  # noqa: F401
            participant_export,
        )

        exports.OTHER_EXPORTS[participant_export.FORMAT] = participant_export.export
