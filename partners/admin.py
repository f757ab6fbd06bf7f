from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from .models import Contact, Organisation


class ContactInline(admin.TabularInline):
    model = Contact
    fields = ("first_name", "last_name", "job_title", "email", "phone", "user")
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = (
        "name",
        "acronym",
        "country",
        "kind",
        "role",
        "city",
        "is_public",
        "event_count",
        "active_since",
        "active_until",
    )
    list_filter = ("country", "kind", "role", "is_public")
    search_fields = ("name", "acronym", "city")
    fieldsets = (
        (None, {"fields": ("name", "acronym", "country", "kind", "role", "city", "website")}),
        (_("Public page"), {"fields": ("is_public", "description", "logo")}),
        (_("Activity"), {"fields": ("active_since", "active_until")}),
    )
    inlines = (ContactInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(event_count=Count("event_participations", distinct=True))
        )

    @admin.display(description=_("events taken part in"), ordering="event_count")
    def event_count(self, obj):
        return obj.event_count


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "organisation", "job_title", "email", "user")
    list_select_related = ("organisation", "user")
    list_filter = ("organisation__country", "organisation__kind")
    search_fields = ("last_name", "first_name", "email", "organisation__name")
    autocomplete_fields = ("organisation", "user")
