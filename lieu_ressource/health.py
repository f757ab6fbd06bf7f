"""Liveness checks for operators: the web process and the Celery worker."""

from celery import shared_task
from django.db import connection
from django.http import JsonResponse


def database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def health(request):
    """Answer 200 when the database answers; used by the container health check."""
    ok = database_ok()
    return JsonResponse({"database": "ok" if ok else "error"}, status=200 if ok else 503)


@shared_task(name="health.worker_ping")
def worker_ping():
    """Run by a worker to prove it reaches the broker and the same database as the web."""
    from events.models import Event

    return {"database": "ok" if database_ok() else "error", "events": Event.objects.count()}
