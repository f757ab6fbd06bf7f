"""Domain errors of the indicators: callers turn them into messages for staff."""


class ReportError(Exception):
    """An operation on values or reports that cannot be done; the message is for staff."""


class QuarterOutsideProgramme(ReportError):
    pass


class ValuesFrozen(ReportError):
    pass


class ReportNotReady(ReportError):
    pass


class ReportOutdated(ReportError):
    pass
