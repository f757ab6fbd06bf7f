"""Accounts saved before emails were lowercased (see lieu_ressource.account_emails)
get their email, and their allauth email addresses, in lower case, so that they can
log in typed either way. Lowercased in Python: SQLite's LOWER() only folds ASCII."""

from django.conf import settings
from django.db import migrations


def lowercase(apps, schema_editor):
    alias = schema_editor.connection.alias
    User = apps.get_model(settings.AUTH_USER_MODEL)
    EmailAddress = apps.get_model("account", "EmailAddress")

    # User.email is not unique: two accounts that differ only by case both keep
    # their address (and allauth tries the password of each).
    for pk, email in User.objects.using(alias).exclude(email="").values_list("pk", "email"):
        lowered = email.strip().lower()
        if lowered != email:
            User.objects.using(alias).filter(pk=pk).update(email=lowered)

    addresses = EmailAddress.objects.using(alias)
    for address in list(addresses.all()):
        lowered = address.email.strip().lower()
        if lowered == address.email:
            continue
        twin = addresses.filter(user_id=address.user_id, email=lowered).first()
        if twin is not None:
            # The same address twice for one account (unique per account): keep the
            # lowercase row, with the flags of both.
            twin.verified = twin.verified or address.verified
            twin.primary = twin.primary or address.primary
            address.delete()
            twin.save(update_fields=["verified", "primary"])
            continue
        if (
            address.verified
            and addresses.filter(email=lowered, verified=True).exclude(pk=address.pk).exists()
        ):
            # Another account holds this address verified (unique when verified):
            # this copy stays, unverified, rather than taking it from them.
            address.verified = False
        address.email = lowered
        address.save(update_fields=["email", "verified"])


class Migration(migrations.Migration):
    dependencies = [
        ("lieu_ressource", "0002_contact_note_permissions"),
        ("account", "0009_emailaddress_unique_primary_email"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(lowercase, migrations.RunPython.noop)]
