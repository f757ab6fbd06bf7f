import factory
from factory.django import DjangoModelFactory

from practices.models import Practice, Theme


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"theme-{n}")
    name_fr = factory.Sequence(lambda n: f"Thème {n}")
    name_de = factory.Sequence(lambda n: f"Thema {n}")


class PracticeFactory(DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title_fr = factory.Sequence(lambda n: f"Pratique inspirante {n}")
    title_de = factory.Sequence(lambda n: f"Inspirierende Praxis {n}")
    stakes_fr = "Rapprocher les entreprises des habitants."
    stakes_de = "Unternehmen und Bewohner zusammenbringen."
    actions_fr = "Des visites d’entreprises chaque mois."
    actions_de = "Jeden Monat Unternehmensbesuche."
    territory = "Strasbourg – Hautepierre"
    contact = "Camille Dupont, cheffe de projet, camille@example.org"
    is_published = True

    class Params:
        unpublished = factory.Trait(is_published=False)
        french_only = factory.Trait(title_de="", stakes_de="", actions_de="", slug_de="")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)
