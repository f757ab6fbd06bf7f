from django.contrib.auth.management import create_permissions
from django.db import migrations

from lieu_ressource.roles import COMMITTEE, DOMAIN_APPS, PARTNER_REFERENT, ROLE_PERMISSIONS, STAFF


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _created = Group.objects.get_or_create(name=STAFF)
    staff.permissions.add(*Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS))
    for role in (PARTNER_REFERENT, COMMITTEE):
        group, _created = Group.objects.get_or_create(name=role)
        for label in ROLE_PERMISSIONS[role]:
            app_label, codename = label.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[STAFF, PARTNER_REFERENT, COMMITTEE]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0001_initial"),
        ("events", "0001_initial"),
        ("beneficiaries", "0001_initial"),
        ("indicators", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
