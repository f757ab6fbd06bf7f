from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lieu_ressource.health import worker_ping


class Command(BaseCommand):
    help = "Send a ping task to the Celery worker and wait for its answer."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args, timeout, **options):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write("No broker configured: tasks run eagerly in the web process.")
        try:
            answer = worker_ping.delay().get(timeout=timeout)
        except Exception as exc:  # any broker/backend/timeout failure means "not healthy"
            raise CommandError(f"The worker did not answer: {exc}") from exc
        self.stdout.write(f"Worker answered: {answer}")
