from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save


class LieuRessourceConfig(AppConfig):
    name = "lieu_ressource"
    verbose_name = "Lieu ressource"

    def ready(self):
        from django.contrib import admin

        from .account_emails import guard_user_admin, lowercase_account_email
        from .text import guard_admin_site

        pre_save.connect(
            lowercase_account_email,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="lieu_ressource.lowercase_account_email",
        )
        # The admin has discovered every app's admins by now (its app comes first).
        guard_user_admin(admin.site)
        guard_admin_site(admin.site)
