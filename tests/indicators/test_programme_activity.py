"""Each programme's activity is that of the events that serve it: linked to it
directly or through one of its axes (an event may serve several programmes), or
linked to no programme while it runs; the report says which events it counted."""

import datetime

import pytest

from events.models import Event
from indicators import metrics, reports, snapshots, values
from indicators.models import Programme
from indicators.quarters import Quarter
from tests.factories import (
    AttendanceFactory,
    AxisFactory,
    EventFactory,
    ProgrammeFactory,
    VenueFactory,
)

from .conftest import paris

Q3 = Quarter(2025, 3)
AFTER_Q3 = paris(2025, 10, 2, 9)


@pytest.fixture
def programmes(db):
    """Programme A (all of 2025, axis A1) and B (axis B1), with five events held in
    Q3: one on A's axis, one for B directly, one for A directly and on B's axis, one
    linked to no programme, and a draft on A's axis."""
    a = ProgrammeFactory(start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 31))
    b = ProgrammeFactory(start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 31))
    a1, b1 = AxisFactory(programme=a), AxisFactory(programme=b)
    venue = VenueFactory(centre=True)

    def held(title, day, *, axes=(), direct=(), status=Event.Status.PUBLISHED, present=1):
        event = EventFactory(
            title_fr=title,
            title_de=title,
            venue=venue,
            start=paris(2025, 8, day),
            end=paris(2025, 8, day) + datetime.timedelta(hours=2),
            status=status,
            axes=list(axes),
        )
        event.programmes.set(direct)
        for _ in range(present):
            AttendanceFactory(walk_in=True, event=event, walk_in_name="")
        return event

    events = {
        "on_a_axis": held("Sur l'axe A1", 4, axes=[a1], present=2),
        "for_b": held("Pour B", 5, direct=[b], present=3),
        "for_both": held("Pour A et B", 6, axes=[b1], direct=[a], present=4),
        "untagged": held("Sans programme", 7, present=5),
        "draft": held("Brouillon", 8, axes=[a1], status=Event.Status.DRAFT),
    }
    return a, b, events


def counted(programme):
    period = values.quarter_period(programme, Q3, now=AFTER_Q3)
    return set(metrics.events_held(period, programme).records().values_list("pk", flat=True))


def test_each_programme_counts_the_events_that_serve_it(programmes):
    a, b, events = programmes

    assert counted(a) == {events[k].pk for k in ("on_a_axis", "for_both", "untagged")}
    assert counted(b) == {events[k].pk for k in ("for_b", "for_both", "untagged")}


def test_an_untagged_event_serves_only_the_programmes_running_when_it_is_held(programmes):
    a, b, events = programmes
    b.end_date = datetime.date(2025, 8, 6)  # B ended the day before the untagged event
    b.save()
    programme_b = Programme.objects.get(pk=b.pk)
    everything = metrics.Period(paris(2025, 1, 1, 0), paris(2026, 1, 1, 0))

    records = metrics.events_held(everything, programme_b).records()
    assert set(records.values_list("pk", flat=True)) == {
        events["for_b"].pk,
        events["for_both"].pk,
    }


def snapshot_of(programme):
    period = values.quarter_period(programme, Q3, now=AFTER_Q3)
    return snapshots.build_snapshot(
        programme, Q3, period=period, trend_quarters=[Q3], as_of=AFTER_Q3
    )


def test_the_report_activity_is_the_programme_s(programmes):
    a, b, events = programmes
    snapshot_a, snapshot_b = snapshot_of(a), snapshot_of(b)

    # Held events and people present at them: 2 + 4 + 5 for A, 3 + 4 + 5 for B.
    assert snapshot_a["key_figures"]["events_held"] == 3
    assert snapshot_a["key_figures"]["participations"] == 11
    assert snapshot_b["key_figures"]["participations"] == 12
    assert snapshot_a["activity"]["events"]["held"] == 3
    assert {row["title"]["fr"] for row in snapshot_a["events"]} == {
        "Sur l'axe A1",
        "Pour A et B",
        "Sans programme",
    }
    assert {row["title"]["fr"] for row in snapshot_b["events"]} == {
        "Pour B",
        "Pour A et B",
        "Sans programme",
    }


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "L’activité de ce rapport compte 3 événements tenus ce trimestre"),
        ("de", "Die Aktivität dieses Berichts zählt 3 in diesem Quartal durchgeführte"),
    ],
)
def test_the_report_says_how_many_events_it_counted(programmes, language, sentence):
    a, _b, _events = programmes
    html = reports.render_html(snapshot_of(a), language=language)
    assert sentence in html
    assert "Sur l&#x27;axe A1" in html and "Pour B" not in html


def test_the_snapshot_keeps_its_query_budget(world, django_assert_max_num_queries):
    """At most 10 queries per indicator for the figures of the Interreg report, the
    activity sections included."""
    programme = Programme.objects.get(code="interreg-lieu-ressource")
    quarters = values.trend_quarters(programme, Q3, now=AFTER_Q3)
    values.refresh_values(programme, quarters, now=AFTER_Q3)
    period = values.quarter_period(programme, Q3, now=AFTER_Q3)
    budget = 10 * programme.indicators.count()

    with django_assert_max_num_queries(budget):
        snapshots.build_snapshot(
            programme, Q3, period=period, trend_quarters=quarters, as_of=AFTER_Q3
        )
    with django_assert_max_num_queries(budget):
        values.refresh_values(programme, [Q3], now=AFTER_Q3)
