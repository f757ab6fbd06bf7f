"""The priority neighbourhoods (QPV) of the Eurométropole de Strasbourg.

The 21 QPVs of the 2024-2030 contrat de ville "Quartiers 2030", spread over six
communes. Neighbourhoods on two communes name both. Metrics find the centre's own
neighbourhood by its code, "port-du-rhin".

Forward creates what is missing and leaves alone what staff already edited.
Backward deletes only the shipped neighbourhoods that no followed person lives in.
"""

from django.db import migrations

# (code, name, commune)
NEIGHBOURHOODS = [
    ("ampere", "Ampère", "Strasbourg"),
    ("cite-de-l-ill", "Cité de l'Ill", "Strasbourg"),
    ("cronenbourg", "Cronenbourg", "Strasbourg"),
    ("elsau", "Elsau", "Strasbourg"),
    ("hautepierre", "Hautepierre", "Strasbourg"),
    ("hohberg", "Hohberg", "Strasbourg"),
    ("jura-citadelle", "Jura-Citadelle", "Strasbourg"),
    ("koenigshoffen-est", "Koenigshoffen-Est", "Strasbourg"),
    ("laiterie", "Laiterie", "Strasbourg"),
    ("molkenbronn", "Molkenbronn", "Strasbourg, Lingolsheim"),
    ("murhof", "Murhof", "Strasbourg"),
    ("neuhof-meinau", "Neuhof-Meinau", "Strasbourg"),
    ("port-du-rhin", "Port du Rhin", "Strasbourg"),
    ("risler", "Risler", "Strasbourg"),
    ("spach-rotterdam", "Spach-Rotterdam", "Strasbourg"),
    ("guirbaden", "Guirbaden", "Bischheim"),
    ("quartiers-ouest", "Quartiers Ouest (Les Écrivains)", "Bischheim, Schiltigheim"),
    ("marais", "Marais", "Schiltigheim"),
    ("schiltigheim-centre", "Schiltigheim Centre", "Schiltigheim"),
    ("libermann", "Libermann", "Illkirch-Graffenstaden"),
    ("wihrel", "Wihrel", "Ostwald"),
]


# Backward works by primary key and plain SQL, not with model instances and the
# ORM's cascading delete: when several migrations are unapplied in one run, the
# related models Django hands over may be rendered against another version of a
# model's class, and the ORM then refuses to query them with its instances.


def _is_referenced(obj):
    """Whether any row (a followed person) points to obj."""
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


def create_neighbourhoods(apps, schema_editor):
    PriorityNeighbourhood = apps.get_model("beneficiaries", "PriorityNeighbourhood")
    for code, name, commune in NEIGHBOURHOODS:
        PriorityNeighbourhood.objects.get_or_create(
            code=code, defaults={"name": name, "commune": commune}
        )


def delete_unused_neighbourhoods(apps, schema_editor):
    PriorityNeighbourhood = apps.get_model("beneficiaries", "PriorityNeighbourhood")
    codes = [code for code, _name, _commune in NEIGHBOURHOODS]
    for neighbourhood in PriorityNeighbourhood.objects.filter(code__in=codes):
        if not _is_referenced(neighbourhood):
            _delete_row(schema_editor, neighbourhood)


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_neighbourhoods, delete_unused_neighbourhoods),
    ]
