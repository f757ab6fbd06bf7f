from django.db import migrations, models


def set_convention_measures(apps, schema_editor):
    """C1.1 counts the trades in tension covered each quarter (a level, from 4 to 8);
    C1.3 asks for a number and a proportion of the RSA recipients followed."""
    Indicator = apps.get_model("indicators", "Indicator")
    convention = Indicator.objects.filter(programme__code="convention-2020")
    convention.filter(code="C1.1").update(progress_measure="level")
    convention.filter(code="C1.3").update(denominator_metric="rsa_recipients_followed")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0007_report_heartbeat"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="progress_measure",
            field=models.CharField(
                choices=[
                    ("added", "The cumulative value adds to the baseline"),
                    ("level", "The quarter value is the level reached"),
                ],
                default="added",
                help_text=(
                    "How the report measures progress from the baseline to the target: the "
                    "cumulative value counted since the start on top of the baseline, or the "
                    "quarter value as the level reached (e.g. trades in tension covered)."
                ),
                max_length=10,
                verbose_name="progress measured on",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="denominator_metric",
            field=models.CharField(
                blank=True,
                help_text=(
                    "For an indicator that asks for a number and a proportion: the metric "
                    "that counts the whole the number is a part of (e.g. RSA recipients "
                    "followed)."
                ),
                max_length=80,
                verbose_name="metric of the proportion's denominator",
            ),
        ),
        migrations.RunPython(set_convention_measures, migrations.RunPython.noop),
    ]
