import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_event_openness_and_programmes"),
        ("partners", "0004_organisation_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="organisation_name",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="organisation (as typed)"
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="The organisation this person came for; counts it as taking part.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="registrations",
                to="partners.organisation",
                verbose_name="organisation",
            ),
        ),
    ]
