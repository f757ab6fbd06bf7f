"""Errors that services raise when the rules refuse an operation."""


class Refused(Exception):
    """An operation the rules refuse. `message`, the subclass's default or the one
    given, is shown as it is to the person who asked (it is translated)."""

    message = ""

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(self.message)
