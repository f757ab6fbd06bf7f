from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices catalogue")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from events.page_cache import bump_version

        from .models import Practice, Theme

        # The catalogue pages are cached with the other public pages: an edit in the
        # admin retires them at once.
        for model in (Practice, Theme):
            post_save.connect(bump_version, sender=model, dispatch_uid=f"page-cache-{model}")
            post_delete.connect(bump_version, sender=model, dispatch_uid=f"page-cache-del-{model}")
        for through in (
            Practice.themes.through,
            Practice.organisations.through,
            Practice.neighbourhoods.through,
        ):
            m2m_changed.connect(bump_version, sender=through, dispatch_uid=f"page-cache-{through}")
