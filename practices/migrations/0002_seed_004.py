"""The catalogue ships with the sheets of seed 004 (the ORIV and Citoyens et
Territoires Grand Est collection of economic-development actions in priority
neighbourhoods), in French as published: German texts are for staff to add, and
until then the German pages show the French text with a one-language note.

Forward creates the themes and each practice by its French title when missing, and
never changes one staff already edited. Backward deletes the shipped practices and
the themes no practice uses any longer.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "seed_004.json"

# code: (French, German); the first three are the collection's own categories.
THEMES = {
    "access": ("Accès aux biens et aux services", "Zugang zu Gütern und Dienstleistungen"),
    "support": ("Accompagnement vers l’emploi", "Begleitung in Beschäftigung"),
    "companies": ("Liens avec les entreprises", "Verbindungen zu Unternehmen"),
    "entrepreneurship": ("Création d’entreprise", "Unternehmensgründung"),
    "youth": ("Jeunes", "Junge Menschen"),
}
TEXTS = ("stakes", "context", "actions", "results", "further")


def create_practices(apps, schema_editor):
    Theme = apps.get_model("practices", "Theme")
    Practice = apps.get_model("practices", "Practice")
    Organisation = apps.get_model("partners", "Organisation")
    themes = {}
    for position, (code, (name_fr, name_de)) in enumerate(THEMES.items()):
        themes[code], _created = Theme.objects.get_or_create(
            code=code,
            defaults={"name": name_fr, "name_fr": name_fr, "name_de": name_de, "position": position},
        )
    for sheet in json.loads(DATA.read_text(encoding="utf-8"))["practices"]:
        if Practice.objects.filter(title_fr=sheet["title"]).exists():
            continue
        texts = {}
        for field in TEXTS:
            texts[field] = texts[f"{field}_fr"] = sheet[field]
        practice = Practice.objects.create(
            title=sheet["title"],
            title_fr=sheet["title"],
            slug=slugify(sheet["title"])[:200],
            slug_fr=slugify(sheet["title"])[:200],
            territory=sheet["territory"],
            other_partners=sheet["other_partners"],
            contact=sheet["contact"],
            is_published=True,
            **texts,
        )
        practice.themes.set([themes[code] for code in sheet["themes"]])
        practice.organisations.set(Organisation.objects.filter(name__in=sheet["organisations"]))


def delete_practices(apps, schema_editor):
    Theme = apps.get_model("practices", "Theme")
    Practice = apps.get_model("practices", "Practice")
    titles = [sheet["title"] for sheet in json.loads(DATA.read_text(encoding="utf-8"))["practices"]]
    Practice.objects.filter(title_fr__in=titles).delete()
    Theme.objects.filter(code__in=THEMES, practices__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("partners", "0002_shipped_organisations"),
    ]

    operations = [migrations.RunPython(create_practices, delete_practices)]
