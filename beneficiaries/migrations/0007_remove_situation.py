from django.db import migrations, models

SITUATION = models.CharField(
    choices=[
        ("job_seeker", "Registered job seeker"),
        ("long_term_unemployed", "Long-term unemployed"),
        ("rsa", "RSA recipient"),
        ("student", "Student"),
        ("employed", "Employed"),
        ("inactive", "Inactive"),
    ],
    # Only for going back: the column comes back filled, then 0006 sets each value.
    default="inactive",
    max_length=30,
    verbose_name="situation at entry",
)


class Migration(migrations.Migration):
    """The single situation at entry, now held by its facts (0006), goes."""

    dependencies = [("beneficiaries", "0006_situation_to_facts")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=model, name="situation", field=SITUATION)
                for model in ("beneficiary", "historicalbeneficiary")
            ]
        ),
        migrations.RemoveField(model_name="beneficiary", name="situation"),
        migrations.RemoveField(model_name="historicalbeneficiary", name="situation"),
    ]
