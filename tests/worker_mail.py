"""The email backend of the test workers (`running_worker`): each message is written to
a file under TEST_WORKER_OUTBOX, so that a test can read what a worker process sent,
which the in-memory outbox of the test process cannot show."""

import os

from django.core.mail.backends import filebased

# What Django's file backend writes after each message.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


class OutboxBackend(filebased.EmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("file_path", os.environ["TEST_WORKER_OUTBOX"])
        super().__init__(*args, **kwargs)
