"""Starting a report's compilation without holding the request that asked for it.

With a broker, the Celery task is queued for a worker once the transaction commits.
In the embedded default (no broker, `CELERY_TASK_ALWAYS_EAGER`) a task would run
inside the request, and a compile takes seconds: it runs instead in a background
thread, after the commit, one report after another, so that the page answers at
once and the status page shows the report queued, running, then done or failed.
The test settings' `REPORT_COMPILE_IN_BACKGROUND = False` runs it in the caller's
thread instead (most tests); `wait_for_background_compiles()` lets a test wait.
"""

import logging
import queue
import threading

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)

# One background thread compiles the queued reports one after another: SQLite takes
# one writer at a time, so two compiles at once would only fight for its lock.
_queue = queue.Queue()
_worker = None
_worker_lock = threading.Lock()


def compile_later(report):
    """Have `report` compiled once the current transaction commits."""
    transaction.on_commit(lambda pk=report.pk: start_compile(pk))


def start_compile(report_id):
    from .tasks import compile_report

    if not settings.CELERY_TASK_ALWAYS_EAGER:
        compile_report.delay(report_id)
    elif not getattr(settings, "REPORT_COMPILE_IN_BACKGROUND", True):
        compile_report.apply(args=[report_id])
    else:
        _queue.put(report_id)
        _ensure_worker()


def _ensure_worker():
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_compile_queued, name="report-compiler", daemon=True)
            _worker.start()


def _compile_queued():
    from .tasks import compile_report

    while True:
        report_id = _queue.get()
        try:
            # The task records its own failures on the report; this catches the rest.
            compile_report.apply(args=[report_id])
        except Exception:
            logger.exception("Report %s: the background compile failed.", report_id)
        finally:
            # The thread's own connection: nobody else would ever close it.
            connections.close_all()
            _queue.task_done()


def wait_for_background_compiles(timeout=60):
    """Wait for the compiles queued for the background thread to end (tests,
    shutdown); returns True when none is left."""
    done = threading.Event()
    waiter = threading.Thread(target=lambda: (_queue.join(), done.set()), daemon=True)
    waiter.start()
    return done.wait(timeout)
