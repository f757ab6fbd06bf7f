"""Staff classify events in bulk: export who may take part and the programmes served,
fill them in a spreadsheet, import the file back (existing events only)."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Event
from tests.accounts import staff_member
from tests.factories import EventFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT = "0"
HEADER = "id,title,start,openness,programmes"


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


def upload(client, *lines):
    content = ("\n".join(lines) + "\n").encode()
    return client.post(
        reverse("admin:events_event_import"),
        {
            "resource": "0",
            "format": CSV_FORMAT,
            "import_file": SimpleUploadedFile("e.csv", content),
        },
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse("admin:events_event_process_import"), data)


def test_an_import_sets_who_may_take_part_and_the_programmes_served(staff_client):
    workshop = EventFactory(title_fr="Atelier pour une cohorte")
    meeting = EventFactory(title_fr="Réunion des partenaires")
    fse = ProgrammeFactory(code="test-fse", start_date=datetime.date(2024, 1, 1))
    other = ProgrammeFactory(code="test-autre", start_date=datetime.date(2024, 1, 1))

    preview = upload(
        staff_client,
        HEADER,
        f"{workshop.pk},,,closed,test-fse",
        f'{meeting.pk},,,internal,"test-fse,test-autre"',
    )
    assert preview.context["confirm_form"] is not None, preview.context.get("result")
    assert confirm(staff_client, preview).status_code == 302

    workshop.refresh_from_db()
    meeting.refresh_from_db()
    assert workshop.openness == Event.Openness.CLOSED
    assert set(workshop.programmes.all()) == {fse}
    assert meeting.openness == Event.Openness.INTERNAL
    assert set(meeting.programmes.all()) == {fse, other}
    # The columns read only to recognise the event are not written.
    assert workshop.title_fr == "Atelier pour une cohorte"


@pytest.mark.parametrize(
    "row",
    [
        "999999,,,closed,",  # no such event
        ",,,closed,",  # a new event: added in the admin, not by import
        "{pk},,,private,",  # not a choice
        "{pk},,,public,no-such-programme",
    ],
)
def test_a_bad_row_rejects_the_whole_file(staff_client, row):
    event = EventFactory()
    good = EventFactory()
    preview = upload(staff_client, HEADER, f"{good.pk},,,closed,", row.format(pk=event.pk))

    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None
    good.refresh_from_db()
    assert good.openness == Event.Openness.PUBLIC


def test_the_export_lists_each_event_with_its_classification(staff_client):
    event = EventFactory(openness=Event.Openness.CLOSED)
    event.programmes.add(ProgrammeFactory(code="interreg-test"))
    url = reverse("admin:events_event_export")
    form = staff_client.get(url).context["form"]
    columns = [name for name in form.fields if name.startswith("eventclassificationresource_")]

    response = staff_client.post(
        url, {"format": CSV_FORMAT, "resource": "0", **{name: "on" for name in columns}}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    line = next(row for row in rows[1:] if row[0] == str(event.pk))
    assert "interreg-test" in line
    assert len(rows[0]) == len(HEADER.split(","))


def test_staff_filter_the_events_a_programme_counts(staff_client):
    programme = ProgrammeFactory(
        code="test-filtre", start_date=datetime.date(2020, 1, 1), end_date=None
    )
    linked = EventFactory(title_fr="Lié au programme")
    linked.programmes.add(programme)
    other = EventFactory(title_fr="Lié à un autre")
    other.programmes.add(ProgrammeFactory(code="test-autre-filtre"))
    untagged = EventFactory(title_fr="Sans programme")
    url = reverse("admin:events_event_changelist")

    serving = staff_client.get(url, {"serves": "test-filtre", "when": "all"})
    unset = staff_client.get(url, {"serves": "none", "when": "all"})

    shown = {e.pk for e in serving.context["cl"].result_list}
    assert shown == {linked.pk, untagged.pk}
    assert {e.pk for e in unset.context["cl"].result_list} == {untagged.pk}
