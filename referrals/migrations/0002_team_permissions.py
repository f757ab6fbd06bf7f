"""The team (group équipe) gets every permission on referrals and followings, as on
the other domain apps. Partner referents get none: they answer in the portal, which
narrows the rows and the fields itself."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF = "équipe"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("referrals")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff = Group.objects.filter(name=STAFF).first()
    if staff is not None:
        staff.permissions.add(*Permission.objects.filter(content_type__app_label="referrals"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=STAFF):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="referrals"))


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_initial"),
        ("lieu_ressource", "0001_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
