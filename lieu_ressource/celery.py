import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieu_ressource.settings")

app = Celery("lieu_ressource")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
