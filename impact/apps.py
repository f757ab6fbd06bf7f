from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Open impact page")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from events.page_cache import bump_version
        from indicators.models import QuarterlyReport

        # The impact page is a cached public page: publishing (or withdrawing) a
        # report shows at once.
        post_save.connect(bump_version, sender=QuarterlyReport, dispatch_uid="page-cache-report")
        post_delete.connect(
            bump_version, sender=QuarterlyReport, dispatch_uid="page-cache-del-report"
        )
