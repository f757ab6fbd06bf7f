"""FSE+ participants of the shipped Activ'Action operations: people of the priority
neighbourhoods who entered during the programme, with their entry check, their
situation on leaving and their six-month follow-up when due, and a few of each step
still to do (the referents' lists of FSE+ steps due)."""

from datetime import timedelta

from fse.models import Operation, Participation, six_months_after
from lieu_ressource.demo.bulk import create_in_batches

FOUR_WEEKS = timedelta(weeks=4)
# What people do on leaving a peer-support action, and six months on.
EXIT_SITUATIONS = (
    ("job_searching", 0.5),
    ("in_education_or_training", 0.2),
    ("qualification_gained", 0.08),
    ("employed", 0.25),
)


def create_fse_participations(demo, followed):
    """Participations for the QPV residents who entered while an FSE+ operation ran;
    returns how many were written."""
    operations = list(Operation.objects.order_by("start_date", "code"))
    if not operations:
        return 0
    rng = demo.rng("fse")
    rows = []
    for item in followed:
        running = [
            o
            for o in operations
            if o.start_date <= item.entry <= o.end_date and o.end_date > o.start_date
        ]
        if not item.qpv or not running or item.entry > demo.yesterday:
            continue
        # Most follow one operation; some a second one (two participants).
        for operation in rng.sample(running, k=1 if rng.random() < 0.85 else min(2, len(running))):
            rows.append(_participation(demo, rng, item, operation))
    create_in_batches(Participation, rows)
    return len(rows)


def _participation(demo, rng, item, operation):
    today = demo.today
    entry = item.entry
    row = Participation(beneficiary_id=item.pk, operation=operation, entry_date=entry)
    # The entry check is mostly done; the last weeks' entries may still wait for it.
    if entry + FOUR_WEEKS < today or rng.random() < 0.5:
        row.entry_data_confirmed_on = min(entry + timedelta(days=rng.randint(0, 25)), today)
    exit_date = item.exit if item.exit and item.exit <= operation.end_date else None
    if exit_date is None and operation.end_date < today:
        exit_date = max(entry + timedelta(days=1), operation.end_date)
    if exit_date is None or exit_date <= entry:
        return row
    row.exit_date = exit_date
    if exit_date + FOUR_WEEKS < today or rng.random() < 0.5:
        # A few are recorded late: not "upon leaving" in the EU's sense.
        late = rng.random() < 0.1
        row.exit_recorded_on = exit_date + timedelta(
            days=rng.randint(29, 60) if late else rng.randint(0, 27)
        )
        if row.exit_recorded_on > today:
            row.exit_recorded_on = today
        for name, share in EXIT_SITUATIONS:
            setattr(row, f"exit_{name}", rng.random() < share)
    row.follow_up_from = six_months_after(exit_date)
    if row.follow_up_from + FOUR_WEEKS < today or (
        row.follow_up_from <= today and rng.random() < 0.5
    ):
        row.follow_up_recorded_on = min(
            row.follow_up_from + timedelta(days=rng.randint(0, 27)), today
        )
        row.follow_up_employed = rng.random() < 0.35
        row.follow_up_improved_situation = row.follow_up_employed or rng.random() < 0.2
    return row
