"""Suppression in the rendered report: hidden cells that no total gives back, and
tables with nothing left to show replaced by a sentence."""

import re

from indicators import reports
from indicators.models import Programme
from tests.indicators.test_report_layout import snapshot_of


def with_jobs(snapshot, jobs):
    """The snapshot with its jobs table replaced: {(contract, country): n}."""
    rows = {row["contract"]: row for row in snapshot["outcomes"]["jobs"]}
    for row in rows.values():
        row["countries"] = {country: 0 for country in row["countries"]}
    for (contract, country), count in jobs.items():
        rows[contract]["countries"][country] = count
    snapshot["outcomes"]["totals"]["job"] = sum(jobs.values())
    return snapshot


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_jobs_in_germany_cannot_be_worked_out_from_the_totals(world, after_q3):
    # The example: jobs 11, France 10, Germany 1.
    snapshot = with_jobs(
        snapshot_of(Programme.objects.get(code="convention-2020"), after_q3),
        {("cdi", "FR"): 10, ("minijob", "DE"): 1},
    )
    context = reports.report_context(snapshot, language="fr", version=1, generated_at=None)

    assert context["job_totals"]["DE"] == reports.HIDDEN
    assert context["job_totals"]["FR"] == reports.HIDDEN  # else Germany = 11 − 10
    assert dict(context["outcome_totals"])["Emplois"] == "11"
    figures = dict(context["key_figures"])
    assert figures["Emplois en Allemagne"] == figures["Emplois en France"] == reports.HIDDEN
    cdi = context["jobs"][0]  # the contracts in their order: CDI first
    assert cdi["fr"] == reports.HIDDEN  # France = CDI + 0 would give it back too


def test_a_table_with_every_row_hidden_becomes_a_sentence(world, after_q3):
    snapshot = with_jobs(
        snapshot_of(Programme.objects.get(code="convention-2020"), after_q3),
        {("cdi", "FR"): 3, ("cdi", "DE"): 2, ("minijob", "DE"): 4},
    )
    snapshot["activity"]["neighbourhoods"] = [
        {"code": f"q{i}", "name": f"Quartier {i}", "count": 2} for i in range(17)
    ]

    text = text_of(reports.render_html(snapshot, language="fr"))

    assert "34 habitants des quartiers prioritaires ont participé ; le nombre par quartier" in text
    assert "Quartier 3" not in text
    assert "Emplois trouvés ce trimestre : 9 ; les nombres par contrat et par pays" in text


def test_the_rate_is_not_shown_beside_a_hidden_count(world, after_q3):
    snapshot = snapshot_of(Programme.objects.get(code="convention-2020"), after_q3)
    registrations = snapshot["activity"]["registrations"]
    registrations.update(confirmed=40, present=30, walk_ins=3, participations=33)

    context = reports.report_context(snapshot, language="de", version=1, generated_at=None)

    # Walk-ins (3) hidden, so the registered people present (30) are hidden with them.
    assert context["registrations"]["walk_ins"] == reports.HIDDEN
    assert context["registrations"]["present"] == reports.HIDDEN
    assert context["registrations"]["participations"] == "33"
    assert context["registrations"]["rate"] == "–"
