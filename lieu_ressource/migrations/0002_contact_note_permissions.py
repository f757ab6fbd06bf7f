"""Contact notes arrived after the roles: the team gets every permission on them, a
partner referent may read, add and correct the notes of the people their
organisation refers (the admin and the staff pages narrow the rows)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF = "équipe"
PARTNER_REFERENT = "référent partenaire"
REFERENT_CODENAMES = ["view_contactnote", "add_contactnote", "change_contactnote"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("beneficiaries")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    notes = Permission.objects.filter(
        content_type__app_label="beneficiaries", content_type__model="contactnote"
    )
    Group.objects.get(name=STAFF).permissions.add(*notes)
    Group.objects.get(name=PARTNER_REFERENT).permissions.add(
        *notes.filter(codename__in=REFERENT_CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    notes = Permission.objects.filter(
        content_type__app_label="beneficiaries", content_type__model="contactnote"
    )
    for group in Group.objects.filter(name__in=[STAFF, PARTNER_REFERENT]):
        group.permissions.remove(*notes)


class Migration(migrations.Migration):
    dependencies = [
        ("lieu_ressource", "0001_roles"),
        ("beneficiaries", "0003_contact_notes"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
