"""The email backend of the test workers (`running_worker`): each message is written to
a file under TEST_WORKER_OUTBOX, so that a test can read what a worker process sent,
which the in-memory outbox of the test process cannot show; and the reading side."""

import email
import email.policy
import os
import shutil
import time

import pytest
from django.core.mail.backends import filebased

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Where the test workers' emails land, one file per connection.
WORKER_OUTBOX = os.path.join(ROOT, "var", "test-worker", "outbox")
# What Django's file backend writes after each message.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"
_emptied = False


class OutboxBackend(filebased.EmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("file_path", os.environ["TEST_WORKER_OUTBOX"])
        super().__init__(*args, **kwargs)


def prepare_outbox():
    """The outbox directory, emptied at its first use in a test session: earlier
    runs' messages would otherwise pile up there."""
    global _emptied
    if not _emptied:
        shutil.rmtree(WORKER_OUTBOX, ignore_errors=True)
        _emptied = True
    os.makedirs(WORKER_OUTBOX, exist_ok=True)
    return WORKER_OUTBOX


def messages_to(address):
    """The messages the test workers wrote for `address`, parsed."""
    found = []
    if not os.path.isdir(WORKER_OUTBOX):
        return found
    for name in sorted(os.listdir(WORKER_OUTBOX)):
        with open(os.path.join(WORKER_OUTBOX, name), "rb") as file:
            content = file.read()
        for raw in content.split(SEPARATOR):
            if address.encode() not in raw:
                continue
            message = email.message_from_bytes(raw, policy=email.policy.default)
            if address in message["To"]:
                found.append(message)
    return found


def wait_for_messages(address, timeout=60):
    """The worker's messages for `address`, once at least one has arrived."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = messages_to(address)
        if found:
            return found
        time.sleep(0.3)
    pytest.fail(f"the worker delivered no email to {address} in {timeout} s")
