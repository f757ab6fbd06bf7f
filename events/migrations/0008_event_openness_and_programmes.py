"""Which programmes an event serves directly (besides its axes), and who may take
part in it (Interreg counts public events, closed joint actions and internal
meetings apart).

Existing events are given what the reports counted until now: working circles,
where companies meet among themselves, are closed joint actions, every other event
a public one; and every event held while the Interreg project runs serves it (the
Lieu ressource is that project), whatever convention axis it also serves.
"""

from django.db import migrations, models

INTERREG = "interreg-lieu-ressource"


def derive(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Programme = apps.get_model("indicators", "Programme")
    Event.objects.filter(format="working_circle").update(openness="closed")
    interreg = Programme.objects.filter(code=INTERREG).first()
    if interreg is None:
        return
    held = Event.objects.filter(start__date__gte=interreg.start_date)
    if interreg.end_date:
        held = held.filter(start__date__lte=interreg.end_date)
    Link = Event.programmes.through
    Link.objects.bulk_create(
        [Link(event_id=pk, programme_id=interreg.pk) for pk in held.values_list("pk", flat=True)],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_venue_details_and_opening_hours"),
        ("indicators", "0004_metrics_and_interreg"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="openness",
            field=models.CharField(
                choices=[
                    ("public", "Public event, open to all"),
                    ("closed", "Closed joint action (invited group, cohort workshop)"),
                    ("internal", "Internal project meeting"),
                ],
                default="public",
                help_text=(
                    "Interreg counts a public event in RCO 115, the participations in a "
                    "closed joint action in RCO 81, an internal meeting in neither."
                ),
                max_length=10,
                verbose_name="who may take part",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="programmes",
            field=models.ManyToManyField(
                blank=True,
                help_text=(
                    "The programmes this event serves besides those of its axes. An event "
                    "that serves no programme, directly or through an axis, counts for "
                    "every programme running when it is held."
                ),
                related_name="events",
                to="indicators.programme",
                verbose_name="programmes served",
            ),
        ),
        migrations.RunPython(derive, migrations.RunPython.noop),
    ]
