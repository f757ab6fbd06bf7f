"""Post a form to the site from a process of its own, as another gunicorn worker would.

Run by tests/test_shared_rate_limits.py:
`python -m tests.posting_client PATH COUNT FIELDS_JSON`. Posts FIELDS COUNT times
(an `{n}` in a value becomes the attempt's number) and prints, as JSON, one
[status code, error codes of the page's form] per attempt. The environment chooses
the database and the cache (DATABASE_URL, CACHE_URL), as for the site itself.
"""

import json
import os
import sys


def error_codes(response):
    form = (response.context or {}).get("form") if response.context else None
    if form is None:
        return []
    return sorted(error.code or "" for errors in form.errors.as_data().values() for error in errors)


def main(path, count, fields):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieu_ressource.settings_test")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # responses keep their template context
    client = Client()
    results = []
    for number in range(count):
        data = {key: value.replace("{n}", str(number)) for key, value in fields.items()}
        response = client.post(path, data)
        results.append([response.status_code, error_codes(response)])
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]))
