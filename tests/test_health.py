import pytest
from django.core.management import call_command

from lieu_ressource.health import worker_ping


@pytest.mark.django_db
def test_health_answers_when_the_database_does(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


@pytest.mark.django_db
def test_check_worker_runs_the_ping_eagerly_without_broker(capsys):
    call_command("check_worker")
    assert "Worker answered: {'database': 'ok', 'events': 0}" in capsys.readouterr().out


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_worker_reads_the_same_database(celery_worker):
    from tests.factories import EventFactory

    EventFactory.create_batch(3)
    answer = worker_ping.delay().get(timeout=30)
    assert answer == {"database": "ok", "events": 3}
