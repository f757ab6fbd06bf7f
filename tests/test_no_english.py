"""No English left on the staff's main pages: the admin index, an event's page, a
person's page and an import page, rendered in French and in German, show none of
the catalogue's untranslated messages (the msgids of our own catalogue and of the
apps the pages use that no catalogue translates for the language)."""

import ast
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from tests import factories as f

pytestmark = pytest.mark.django_db

_ENTRY = re.compile(r'^(msgctxt|msgid|msgid_plural)\s+(".*")\s*$')


def _msgids(po_file):
    """(msgctxt, msgid) of every entry of a .po file (a small reader: no library)."""
    entries, current, key = [], {}, None
    for line in po_file.read_text(encoding="utf-8").splitlines() + [""]:
        match = _ENTRY.match(line)
        if match:
            key = match.group(1)
            if key == "msgctxt" or (key == "msgid" and "msgid" in current):
                if "msgid" in current:
                    entries.append(current)
                current = {}
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key in ("msgctxt", "msgid"):
            current[key] += ast.literal_eval(line)
        elif line.startswith("msgstr"):
            key = None
    if "msgid" in current:
        entries.append(current)
    return {(e.get("msgctxt"), e["msgid"]) for e in entries if e["msgid"]}


def _catalogues(language):
    """The .po files Django merges for `language`: the project's and every app's."""
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    paths += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    return [
        path / language / "LC_MESSAGES" / "django.po"
        for path in paths
        if (path / language / "LC_MESSAGES" / "django.po").exists()
    ]


# Names that stay as they are in every language.
PROPER_NAMES = {"Lieu ressource"}


def untranslated(language):
    """Messages some catalogue holds that the merged translation leaves in English."""
    catalog = trans_real.translation(language)._catalog
    missing = set()
    for po_file in _catalogues(language):
        for context, msgid in _msgids(po_file):
            key = f"{context}\x04{msgid}" if context else msgid
            if key not in catalog and (key, 0) not in catalog and re.search("[A-Za-z]", msgid):
                missing.add(msgid)
    # Names of apps and models, marked for translation in code whose catalogue may
    # not hold them ("MFA", "Authenticators"): left as written, they are English.
    names = [config.verbose_name for config in apps.get_app_configs()]
    for model in apps.get_models():
        names += [model._meta.verbose_name, model._meta.verbose_name_plural]
    for name in names:
        with translation.override(None):
            source = str(name)
        translated_alike = source in catalog  # "Organisations" is French too
        with translation.override(language):
            if (
                str(name) == source
                and not translated_alike
                and source not in PROPER_NAMES
                and re.search("[a-z]{2}", source)
            ):
                missing.add(source)
                missing.add(source[:1].upper() + source[1:])
    return missing


class VisibleText(HTMLParser):
    """Text a person reads or hears: text nodes, and the labels held in attributes."""

    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.pieces, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attrs = dict(attrs)
        for name in self.ATTRIBUTES & set(attrs):
            self.pieces.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            self.pieces.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.pieces.append(data)


def english_on(html, language):
    parser = VisibleText()
    parser.feed(html)
    missing = untranslated(language)
    found = set()
    for piece in parser.pieces:
        text = " ".join(piece.split())
        for candidate in (text, text.rstrip(":").strip(), text.rstrip(" :.").strip()):
            if candidate in missing:
                found.add(candidate)
    return sorted(found)


@pytest.fixture
def staff_client(client):
    user = f.UserFactory(superuser=True, username="root")
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def _pages():
    event = f.EventFactory(published=True, audiences=[f.AudienceFactory()], axes=[f.AxisFactory()])
    f.RegistrationFactory(event=event)
    person = f.BeneficiaryFactory(qpv=True, referred=True)
    f.PathwayFactory(beneficiary=person)
    f.OutcomeFactory(beneficiary=person, job_in_germany=True)
    return {
        "admin index": reverse("admin:index"),
        "event page": reverse("admin:events_event_change", args=[event.pk]),
        "event list": reverse("admin:events_event_changelist"),
        "person page": reverse("beneficiaries:person", args=[person.pk]),
        "person in the admin": reverse("admin:beneficiaries_beneficiary_change", args=[person.pk]),
        "import page": reverse("admin:beneficiaries_beneficiary_import"),
    }


@pytest.mark.parametrize("language", ["fr", "de"])
def test_no_english_message_on_the_staff_pages(staff_client, language):
    english = {}
    for name, url in _pages().items():
        response = staff_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, name
        assert f'lang="{language}"' in response.text, name
        found = english_on(response.text, language)
        if found:
            english[name] = found
    assert english == {}


def test_the_check_finds_an_english_message_when_there_is_one():
    # A message no catalogue translates, shown as is: the test above would see it.
    with translation.override("fr"):
        missing = untranslated("fr")
    assert missing, "every catalogue fully translated: the check would prove nothing"
    sample = sorted(missing)[0]
    assert english_on(f"<p>{sample}</p>", "fr") == [sample]


@pytest.mark.parametrize(("language", "shown"), [("fr", "1 234,50"), ("de", "1.234,50")])
def test_drill_down_figures_read_the_local_way_with_their_unit(language, shown):
    from django.template import Context, Template

    template = Template('{{ value|floatformat:"-2g" }}')
    with translation.override(language):
        assert (
            template.render(Context({"value": 1234.5})).replace("\u202f", " ").replace("\xa0", " ")
            == shown
        )
        assert template.render(Context({"value": Decimal("11.00")})) == "11"  # not "11,00"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "mardi 1 décembre 2026, 14:30"), ("de", "Dienstag, 1. Dezember 2026, 14:30")],
)
def test_staff_pages_write_dates_the_french_and_german_way(client, language, expected):
    import datetime
    from zoneinfo import ZoneInfo

    from tests.accounts import staff_member

    start = datetime.datetime(2026, 12, 1, 14, 30, tzinfo=ZoneInfo("Europe/Paris"))
    event = f.EventFactory(published=True, start=start, end=start + datetime.timedelta(hours=2))
    client.force_login(staff_member())
    page = client.get(
        reverse("staff_events:check_in", args=[event.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert expected in page.text
