"""Query strings with a NUL byte are refused with 400 Bad Request.

A NUL byte can never be stored or compared in PostgreSQL text (psycopg raises
DataError, which would answer 500): search boxes, the admin's autocomplete and the
agenda filters all pass their terms to the database. Forms already refuse NUL in
what they receive (Django's ProhibitNullCharactersValidator); GET terms are often
read without one, so they are checked here, once for every view."""

from django.core.exceptions import BadRequest


def has_nul(query_dict):
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query_dict.lists()
    )


class RefuseNulInQueryMiddleware:
    """400 Bad Request for a query string whose names or values hold a NUL byte."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request.GET):
            # Answered by templates/400.html, in the request's language.
            raise BadRequest("NUL byte in the query string")
        return self.get_response(request)
