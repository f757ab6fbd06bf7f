"""The audiences events are meant for, and the centre venue (Kaleidoscoop).

Forward creates what is missing and leaves alone what staff already edited.
Backward deletes only the shipped rows that no event uses.
"""

from django.db import migrations

# (code, name_fr, name_de), in the order staff read them.
AUDIENCES = [
    ("job_seekers", "Demandeurs d'emploi", "Arbeitsuchende"),
    ("rsa_recipients", "Bénéficiaires du RSA", "RSA-Beziehende"),
    ("young_people", "Jeunes", "Junge Menschen"),
    ("students", "Étudiants", "Studierende"),
    (
        "qpv_residents",
        "Habitants des quartiers prioritaires (QPV)",
        "Bewohner der vorrangigen Stadtviertel (QPV)",
    ),
    ("employers", "Employeurs", "Arbeitgeber"),
    ("entrepreneurs", "Entrepreneurs et porteurs de projet", "Gründer und Unternehmer"),
    ("all_public", "Tout public", "Alle"),
]

CENTRE = {
    "name": "Kaleidoscoop",
    "address": "Quartier du Port du Rhin",
    "postcode": "67100",
    "city": "Strasbourg",
    "country": "FR",
    "is_centre": True,
}
CENTRE_ACCESSIBILITY_FR = (
    "Accès de plain-pied, sans marche. Pour toute question sur l'accessibilité, "
    "contactez l'équipe avant votre venue."
)
CENTRE_ACCESSIBILITY_DE = (
    "Ebenerdiger, stufenloser Zugang. Bei Fragen zur Barrierefreiheit wenden Sie sich "
    "bitte vor Ihrem Besuch an das Team."
)


# Backward works by primary key and plain SQL, not with model instances and the
# ORM's cascading delete: when several migrations are unapplied in one run, the
# related models Django hands over may be rendered against another version of a
# model's class, and the ORM then refuses to query them with its instances.


def _is_referenced(obj):
    """Whether any row (an event) points to obj."""
    for relation in obj._meta.related_objects:
        rows = relation.related_model._base_manager.filter(**{relation.field.name: obj.pk})
        if rows.exists():
            return True
    return False


def _delete_row(schema_editor, obj):
    """Delete obj's row; only for rows nothing points to."""
    quote = schema_editor.quote_name
    table, pk = quote(obj._meta.db_table), quote(obj._meta.pk.column)
    schema_editor.execute(f"DELETE FROM {table} WHERE {pk} = %s", [obj.pk])


def create_audiences_and_centre(apps, schema_editor):
    Audience = apps.get_model("events", "Audience")
    Venue = apps.get_model("events", "Venue")
    for code, name_fr, name_de in AUDIENCES:
        Audience.objects.get_or_create(
            code=code, defaults={"name": name_fr, "name_fr": name_fr, "name_de": name_de}
        )
    if not Venue.objects.filter(is_centre=True).exists():
        Venue.objects.create(
            **CENTRE,
            accessibility=CENTRE_ACCESSIBILITY_FR,
            accessibility_fr=CENTRE_ACCESSIBILITY_FR,
            accessibility_de=CENTRE_ACCESSIBILITY_DE,
        )


def delete_unused_audiences_and_centre(apps, schema_editor):
    Audience = apps.get_model("events", "Audience")
    Venue = apps.get_model("events", "Venue")
    codes = [code for code, _name_fr, _name_de in AUDIENCES]
    for audience in Audience.objects.filter(code__in=codes):
        if not _is_referenced(audience):
            _delete_row(schema_editor, audience)
    for venue in Venue.objects.filter(name=CENTRE["name"], is_centre=True):
        if not _is_referenced(venue):
            _delete_row(schema_editor, venue)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_audiences_and_centre, delete_unused_audiences_and_centre),
    ]
