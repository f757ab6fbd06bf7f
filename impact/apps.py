from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def report_changed(sender, instance, **kwargs):
    """Retire the cached public pages when a published report is saved or deleted
    (publishing one shows on the impact page at once); the many saves of a report
    being generated leave the cache alone."""
    from events.page_cache import bump_version

    if instance.status == instance.Status.PUBLISHED:
        bump_version()


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Open impact page")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from indicators.models import QuarterlyReport

        post_save.connect(report_changed, sender=QuarterlyReport, dispatch_uid="impact-report")
        post_delete.connect(
            report_changed, sender=QuarterlyReport, dispatch_uid="impact-report-del"
        )
