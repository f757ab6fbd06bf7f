"""Benchmark: how soon an import over the limits is refused, against parsing it.

Not a test. Run it with any settings (no database needed):

    SECRET_KEY=bench .venv/bin/python bench/import_limits.py --rows 200000

Builds in memory a CSV and an XLSX workbook of ROWS people (the workbook once with
its declared dimension and once with it stripped, as a crafted file would), then
times `lieu_ressource.imports.check_upload` on each (the limits run before any
importer) against django-import-export's own parsing (`create_dataset`), which is
what ran before the limits existed. CPU time of this process (time.process_time).
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieu_ressource.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")

HEADER = ["reference", "first_name", "last_name", "email", "rsa_recipient", "entry_date"]


def people(rows):
    for number in range(rows):
        yield [f"LR-{number:06d}", "Léa", "Müller", f"p{number}@example.org", "1", "2025-03-01"]


def csv_file(rows):
    lines = [",".join(HEADER)] + [",".join(row) for row in people(rows)]
    return ("\n".join(lines) + "\n").encode()


def workbook(rows, undeclared=False):
    import openpyxl

    book = openpyxl.Workbook(write_only=undeclared)
    sheet = book.create_sheet() if undeclared else book.active
    sheet.append(HEADER)
    for row in people(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cpu(function):
    started = time.process_time()
    try:
        outcome = function()
    except Exception as exc:  # noqa: BLE001 (a refusal is the expected outcome)
        outcome = type(exc).__name__
    return time.process_time() - started, outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from import_export.formats.base_formats import CSV, XLSX

    from lieu_ressource import imports

    default_bytes = settings.IMPORT_MAX_BYTES
    print(f"{args.rows:,} rows; IMPORT_MAX_ROWS={settings.IMPORT_MAX_ROWS:,}")
    files = [
        ("CSV", csv_file(args.rows), CSV()),
        ("XLSX, declared dimension", workbook(args.rows), XLSX()),
        ("XLSX, no dimension (crafted)", workbook(args.rows, undeclared=True), XLSX()),
    ]
    for label, content, file_format in files:
        data = content if file_format.is_binary() else content.decode()
        parse, _rows = cpu(lambda data=data, f=file_format: f.create_dataset(data))
        print(f"{label:<30} {len(content) / 1e6:5.1f} MB   full parse: {parse:6.2f} s CPU")
        for limits, max_bytes in (("limits", None), ("rows only", 10**10)):
            if max_bytes:
                settings.IMPORT_MAX_BYTES = max_bytes  # lifted: the row count alone
            upload = SimpleUploadedFile("file", content)
            check, outcome = cpu(lambda u=upload, f=file_format: imports.check_upload(u, f))
            print(f"    {limits:<12} {check:6.3f} s CPU ({outcome})")
        settings.IMPORT_MAX_BYTES = default_bytes


if __name__ == "__main__":
    main()
