"""Invented people: names, emails and phone numbers, French and German."""

from dataclasses import dataclass

from django.utils.text import slugify
from faker import Faker


@dataclass(slots=True)
class Person:
    first_name: str
    last_name: str
    email: str
    phone: str
    language: str

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class People:
    """Invents people from Faker name pools (fr_FR, de_DE) seeded from the seed.

    The pools are drawn once; our own random streams combine them, which is fast at
    any scale. Emails are unique across all demo people.
    """

    def __init__(self, seed):
        self.pools = {}
        for language, locale in (("fr", "fr_FR"), ("de", "de_DE")):
            fake = Faker(locale)
            fake.seed_instance(seed)
            self.pools[language] = {
                "F": _unique(fake.first_name_female() for _ in range(300)),
                "M": _unique(fake.first_name_male() for _ in range(300)),
                "last": _unique(fake.last_name() for _ in range(600)),
            }
        self.emails_seen = {}

    def make(self, rng, *, language=None, sex=None, domain=None):
        language = language or ("fr" if rng.random() < 0.7 else "de")
        pool = self.pools[language]
        first = rng.choice(pool["M" if sex == "M" or (not sex and rng.random() < 0.48) else "F"])
        last = rng.choice(pool["last"])
        local = f"{slugify(first) or 'contact'}.{slugify(last) or 'contact'}"
        seen = self.emails_seen.get(local, 0)
        self.emails_seen[local] = seen + 1
        if seen:
            local = f"{local}{seen + 1}"
        if domain is None:
            domain = (
                "example.de" if language == "de" else rng.choice(("example.org", "example.com"))
            )
        return Person(first, last, f"{local}@{domain}", _phone(rng, language), language)


def _unique(names):
    return list(dict.fromkeys(names))


def _phone(rng, language):
    # Ranges set aside for fiction by ARCEP (France) and the Bundesnetzagentur.
    if language == "de":
        return f"{rng.choice(('+49 30 23125', '+49 69 90009'))}{rng.randrange(1000):03d}"
    prefix = rng.choice(("+33 6 39 98", "+33 1 99 00"))
    return f"{prefix} {rng.randrange(100):02d} {rng.randrange(100):02d}"
