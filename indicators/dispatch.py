"""Starting a report's compilation without holding the request that asked for it.

With a broker, the Celery task is queued for a worker once the transaction commits.
In the embedded default (no broker, `CELERY_TASK_ALWAYS_EAGER`) a task would run
inside the request, and a compile takes seconds: it runs instead in a daemon thread
started after the commit, which closes its database connection when done, so that
the page answers at once and the status page shows the report queued, running, then
done or failed. The test settings' `REPORT_COMPILE_IN_BACKGROUND = False` runs it in
the caller's thread instead (most tests); `wait_for_background_compiles()` lets a
test wait for the threads.
"""

import logging
import threading

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)

_threads = []
_threads_lock = threading.Lock()


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
        thread = threading.Thread(
            target=_compile_in_thread, args=(report_id,), name=f"report-{report_id}", daemon=True
        )
        with _threads_lock:
            _threads[:] = [t for t in _threads if t.is_alive()]
            _threads.append(thread)
        thread.start()


def _compile_in_thread(report_id):
    from .tasks import compile_report

    try:
        # The task records its own failures on the report; this catches the rest.
        compile_report.apply(args=[report_id])
    except Exception:
        logger.exception("Report %s: the background compile failed.", report_id)
    finally:
        # The thread's own connection: nobody else would ever close it.
        connections.close_all()


def wait_for_background_compiles(timeout=60):
    """Wait for the compiles started in threads to end (tests, shutdown); returns
    True when none is left running."""
    with _threads_lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)
