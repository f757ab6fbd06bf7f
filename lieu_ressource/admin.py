"""The admin's index in the team's order of daily use (events and attendance, people,
partners, indicators and reports, then accounts), and the periodic tasks (Celery beat)
and two-factor authenticators (allauth MFA) for superusers only: the team never
needs them, and a wrong change there stops the reminders or locks someone out."""

from django.contrib import admin
from django.contrib.admin import AdminSite

# App labels, then models within an app, in the order the team uses them.
DAILY_ORDER = ["events", "beneficiaries", "partners", "indicators", "auth", "account"]
MODEL_ORDER = {
    "events": ["event", "registration", "attendance", "venue", "audience"],
    "beneficiaries": ["beneficiary", "pathway", "outcome", "contactnote"],
    "partners": ["organisation", "contact"],
    "indicators": ["quarterlyreport", "indicatorvalue", "qualitativenote", "indicator"],
}
SUPERUSER_APPS = {"django_celery_beat", "mfa"}


def _is_superuser(request):
    return request.user.is_active and request.user.is_superuser


class SuperuserOnlyAdmin:
    """Mixed into the ModelAdmin of a superuser-only model: whatever permissions an
    account holds, only superusers see or change these rows."""

    def has_module_permission(self, request):
        return _is_superuser(request)

    def has_view_permission(self, request, obj=None):
        return _is_superuser(request)

    def has_add_permission(self, request, *args):
        return _is_superuser(request)

    def has_change_permission(self, request, obj=None):
        return _is_superuser(request)

    def has_delete_permission(self, request, obj=None):
        return _is_superuser(request)


def _restrict_to_superusers(site):
    for model, model_admin in list(site._registry.items()):
        if model._meta.app_label in SUPERUSER_APPS and not isinstance(
            model_admin, SuperuserOnlyAdmin
        ):
            base = type(model_admin)
            site.unregister(model)
            site.register(
                model, type(f"SuperuserOnly{base.__name__}", (SuperuserOnlyAdmin, base), {})
            )


def _rank(order, key):
    return order.index(key) if key in order else len(order)


def get_app_list(request, app_label=None):
    """The admin's apps and models in the order of daily use."""
    apps = AdminSite.get_app_list(admin.site, request, app_label)
    apps.sort(key=lambda app: (_rank(DAILY_ORDER, app["app_label"]), app["name"]))
    for app in apps:
        order = MODEL_ORDER.get(app["app_label"], [])
        app["models"].sort(key=lambda m: (_rank(order, m["object_name"].lower()), m["name"]))
    return apps


_restrict_to_superusers(admin.site)
admin.site.get_app_list = get_app_list
