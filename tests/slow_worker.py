"""The site's Celery app with a report's PDF step held back, for the worker test that
kills a worker in the middle of a compile (`celery -A tests.slow_worker worker`).

When a compile reaches its PDF step (the report is then "running"), the worker creates
the file SLOW_REPORT_MARKER and waits SLOW_REPORT_SECONDS before rendering: the test
kills it in that wait, a moment it knows for certain, instead of racing a fast render.
"""

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from lieu_ressource.celery import app  # noqa: F401 (what `celery -A` looks for)


@task_prerun.connect
def hold_the_pdf_step(**kwargs):
    # Patched at the first task, once Django is set up and the reports module loads.
    from indicators import reports

    if getattr(reports.render_pdf, "held_back", False):
        return
    render_pdf = reports.render_pdf

    def held_back(*args, **kwargs):
        Path(os.environ["SLOW_REPORT_MARKER"]).touch()
        time.sleep(float(os.environ.get("SLOW_REPORT_SECONDS", "300")))
        return render_pdf(*args, **kwargs)

    held_back.held_back = True
    reports.render_pdf = held_back
