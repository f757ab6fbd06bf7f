"""The report's SQL floor, written by hand: the figures of a quarter's report in as
few passes over the tables as we could write them.

Used by bench/report_benchmark.py, which checks every figure here against the
report's own and fails loudly when one differs. One statement computes, for the
quarter and for the programme's cumulative period at once, the nine computed
indicators of the convention and the report's key figures:

- one pass over the events (each event flagged: held in the quarter, held since
  the programme began, outside the centre, its format),
- one pass over the attendances marked present at those events (with their
  registration, for the person and the email), reduced to one row per person,
- one pass each over the outcomes and the pathways, reduced to one row per person,
- one pass over the people who appear in any of those.

The report's other sections (activity by format, sign-ups, outcomes by contract,
partners, the annex of events) are each one grouped query already; the benchmark
replays those statements as they are (they are counted in the floor, so the ratio
is not flattered), and reads the stored values of the trend's earlier quarters as
the report does.
"""

from beneficiaries.models import Outcome, Pathway
from events.models import Event
from partners.models import Country, Organisation

# Metric names of the convention's computed indicators, as columns of FLOOR_SQL.
INDICATOR_COLUMNS = (
    "companies_in_working_circles",
    "rsa_recipients_in_gptec_programmes",
    "inclusive_actions_by_companies",
    "rsa_recipients_leaving_rsa",
    "residents_and_rsa_recipients_outside_centre",
    "rsa_recipients_developing_a_business",
    "rsa_recipients_employed_in_germany",
    "rsa_recipients_in_tailored_pathways",
    "rsa_recipients_in_bilingual_training",
)
KEY_FIGURES = ("events_held", "participations", "unique_participants")

FLOOR_SQL = """
WITH ev AS (  -- one pass over the events
    SELECT e.id, e.format,
           e.status = %(published)s AND e."end" >= %(q_start)s AND e."end" < %(q_end)s AS held_q,
           e.status = %(published)s AND e."end" >= %(c_start)s AND e."end" < %(q_end)s AS held_c,
           (e.outside_centre OR NOT v.is_centre) AS outside,
           e.status = %(published)s AND e."end" < %(q_end)s
               AND NOT (e.outside_centre OR NOT v.is_centre) AS at_centre
    FROM events_event e JOIN events_venue v ON v.id = e.venue_id
    WHERE e.status = %(published)s AND e."end" < %(q_end)s
),
orgs AS (  -- organisations of the held events
    SELECT eo.event_id, o.id AS organisation_id, o.kind = %(company)s AS company
    FROM events_eventorganisation eo JOIN partners_organisation o ON o.id = eo.organisation_id
),
att AS (  -- one pass over the attendances present at those events
    SELECT ev.held_q, ev.held_c, ev.outside, ev.at_centre, ev.format,
           COALESCE(a.beneficiary_id, r.beneficiary_id) AS person,
           CASE WHEN a.beneficiary_id IS NULL AND r.beneficiary_id IS NULL
                AND r.id IS NOT NULL THEN lower(r.email) END AS email,
           (a.beneficiary_id IS NULL AND a.registration_id IS NULL) AS walk_in
    FROM events_attendance a
    JOIN ev ON ev.id = a.event_id
    LEFT JOIN events_registration r ON r.id = a.registration_id
    WHERE a.present
),
att_people AS (
    SELECT person,
           bool_or(held_q AND format = %(meeting)s) AS meeting_q,
           bool_or(held_c AND format = %(meeting)s) AS meeting_c,
           bool_or(held_q AND outside) AS outside_q,
           bool_or(held_c AND outside) AS outside_c,
           bool_or(at_centre) AS at_centre
    FROM att WHERE person IS NOT NULL GROUP BY person
),
out_people AS (  -- one pass over the outcomes of the cumulative period
    SELECT beneficiary_id AS person,
           bool_or(kind = %(rsa_exit)s AND date >= %(q_first)s) AS rsa_exit_q,
           bool_or(kind = %(rsa_exit)s) AS rsa_exit_c,
           bool_or(kind = %(creation)s AND date >= %(q_first)s) AS creation_q,
           bool_or(kind = %(creation)s) AS creation_c,
           bool_or(kind = %(job)s AND country = %(germany)s AND date >= %(q_first)s) AS de_job_q,
           bool_or(kind = %(job)s AND country = %(germany)s) AS de_job_c,
           bool_or(kind = %(training)s AND language_training AND date >= %(q_first)s)
               AS bilingual_q,
           bool_or(kind = %(training)s AND language_training) AS bilingual_c
    FROM beneficiaries_outcome
    WHERE date >= %(c_first)s AND date <= %(q_last)s
    GROUP BY beneficiary_id
),
path_people AS (  -- one pass over the pathways open at some point of the period
    SELECT beneficiary_id AS person,
           bool_or(scheme = %(gptec)s AND (end_date IS NULL OR end_date >= %(q_first)s))
               AS gptec_q,
           bool_or(scheme = %(gptec)s AND (end_date IS NULL OR end_date >= %(c_first)s))
               AS gptec_c,
           bool_or(scheme = %(tremplin)s AND (end_date IS NULL OR end_date >= %(q_first)s))
               AS tremplin_q,
           bool_or(scheme = %(tremplin)s AND (end_date IS NULL OR end_date >= %(c_first)s))
               AS tremplin_c
    FROM beneficiaries_pathway
    WHERE start_date <= %(q_last)s AND scheme IN (%(gptec)s, %(tremplin)s)
    GROUP BY beneficiary_id
),
people AS (  -- the people appearing in any of those, with their profile
    SELECT b.rsa_recipient AS rsa,
           (b.rsa_recipient OR n.code = %(port_du_rhin)s) AS resident_or_rsa,
           ap.*, op.rsa_exit_q, op.rsa_exit_c, op.creation_q, op.creation_c, op.de_job_q,
           op.de_job_c, op.bilingual_q, op.bilingual_c,
           pp.gptec_q, pp.gptec_c, pp.tremplin_q, pp.tremplin_c
    FROM beneficiaries_beneficiary b
    LEFT JOIN beneficiaries_priorityneighbourhood n ON n.id = b.neighbourhood_id
    LEFT JOIN att_people ap ON ap.person = b.id
    LEFT JOIN out_people op ON op.person = b.id
    LEFT JOIN path_people pp ON pp.person = b.id
    WHERE ap.person IS NOT NULL OR op.person IS NOT NULL OR pp.person IS NOT NULL
),
event_figures AS (
    SELECT
      count(DISTINCT o.organisation_id) FILTER (
          WHERE ev.held_q AND ev.format = %(circle)s AND o.company) AS circles_q,
      count(DISTINCT o.organisation_id) FILTER (
          WHERE ev.held_c AND ev.format = %(circle)s AND o.company) AS circles_c,
      count(DISTINCT ev.id) FILTER (WHERE ev.held_q AND o.company
          AND ev.format NOT IN (%(circle)s, %(afterwork)s)) AS inclusive_q,
      count(DISTINCT ev.id) FILTER (WHERE ev.held_c AND o.company
          AND ev.format NOT IN (%(circle)s, %(afterwork)s)) AS inclusive_c
    FROM ev JOIN orgs o ON o.event_id = ev.id
    WHERE ev.held_c AND o.company
),
held AS (
    SELECT count(*) FILTER (WHERE held_q) AS held_q, count(*) FILTER (WHERE held_c) AS held_c
    FROM ev
),
att_figures AS (  -- the key figures are the quarter's only
    SELECT count(*) AS participations_q,
           count(DISTINCT person) + count(DISTINCT email)
             + count(*) FILTER (WHERE walk_in) AS unique_q
    FROM att WHERE held_q
),
people_figures AS (
    SELECT
      count(*) FILTER (WHERE rsa AND (gptec_q OR meeting_q)) AS gptec_q,
      count(*) FILTER (WHERE rsa AND (gptec_c OR meeting_c)) AS gptec_c,
      count(*) FILTER (WHERE rsa AND rsa_exit_q) AS rsa_exit_q,
      count(*) FILTER (WHERE rsa AND rsa_exit_c) AS rsa_exit_c,
      count(*) FILTER (WHERE resident_or_rsa AND outside_q) AS outside_q,
      count(*) FILTER (WHERE resident_or_rsa AND outside_c) AS outside_c,
      count(*) FILTER (WHERE rsa AND creation_q AND at_centre) AS creation_q,
      count(*) FILTER (WHERE rsa AND creation_c AND at_centre) AS creation_c,
      count(*) FILTER (WHERE rsa AND de_job_q) AS de_job_q,
      count(*) FILTER (WHERE rsa AND de_job_c) AS de_job_c,
      count(*) FILTER (WHERE rsa AND tremplin_q) AS tremplin_q,
      count(*) FILTER (WHERE rsa AND tremplin_c) AS tremplin_c,
      count(*) FILTER (WHERE rsa AND bilingual_q) AS bilingual_q,
      count(*) FILTER (WHERE rsa AND bilingual_c) AS bilingual_c
    FROM people
)
SELECT ef.circles_q, ef.circles_c, pf.gptec_q, pf.gptec_c, ef.inclusive_q, ef.inclusive_c,
       pf.rsa_exit_q, pf.rsa_exit_c, pf.outside_q, pf.outside_c, pf.creation_q, pf.creation_c,
       pf.de_job_q, pf.de_job_c, pf.tremplin_q, pf.tremplin_c, pf.bilingual_q, pf.bilingual_c,
       h.held_q, af.participations_q, af.unique_q
FROM event_figures ef, people_figures pf, held h, att_figures af
"""


def floor_figures(cursor, period, cumulative):
    """Run the hand-written statement for the quarter `period` and the programme's
    `cumulative` period: {metric: (quarter value, cumulative value)} for the
    indicators, {name: quarter value} for the key figures."""
    params = {
        "published": Event.Status.PUBLISHED,
        "q_start": period.start,
        "q_end": period.end,
        "c_start": cumulative.start,
        "q_first": period.first_day,
        "q_last": period.last_day,
        "c_first": cumulative.first_day,
        "company": Organisation.Kind.COMPANY,
        "meeting": Event.Format.RECRUITMENT_MEETING,
        "circle": Event.Format.WORKING_CIRCLE,
        "afterwork": Event.Format.EMPLOYER_AFTERWORK,
        "rsa_exit": Outcome.Kind.RSA_EXIT,
        "creation": Outcome.Kind.BUSINESS_CREATION,
        "job": Outcome.Kind.JOB,
        "training": Outcome.Kind.TRAINING,
        "germany": Country.GERMANY,
        "gptec": Pathway.Scheme.GPTEC,
        "tremplin": Pathway.Scheme.TREMPLIN,
        "port_du_rhin": "port-du-rhin",
    }
    cursor.execute(FLOOR_SQL, params)
    row = cursor.fetchone()
    indicators = {name: (row[2 * i], row[2 * i + 1]) for i, name in enumerate(INDICATOR_COLUMNS)}
    key_figures = dict(zip(KEY_FIGURES, row[2 * len(INDICATOR_COLUMNS) :], strict=True))
    return indicators, key_figures
