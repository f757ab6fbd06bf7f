"""Limits every admin import checks before a file is parsed, and where uploads wait
between the preview and the confirmation.

A file larger than IMPORT_MAX_BYTES, or with more rows than IMPORT_MAX_ROWS, is
refused with a message to split it, before django-import-export reads it: rows are
counted as a stream that stops at the first row over the limit, and a workbook is
refused first on what its zip archive declares (the uncompressed size of its
members, the sheet's dimension), so that a small file that expands to a million
rows costs almost nothing. Uploads kept for the confirmation step live in
IMPORT_TMP_DIR under names we made; any other name is refused.
"""

import csv
import io
import logging
import os
import re
import time
import uuid
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from import_export.formats.base_formats import XLSX
from import_export.forms import ImportForm
from import_export.tmp_storages import BaseStorage

logger = logging.getLogger(__name__)

# A stored upload's name: 32 hexadecimal digits (uuid4().hex), nothing else.
STORED_NAME = re.compile(r"[0-9a-f]{32}")
# Previews never confirmed are deleted after this many seconds.
UNCONFIRMED_MAX_AGE = 3600


class ImportRefused(ValueError):
    """A file refused before it is read; the message is for staff."""


def refuse_size(size):
    raise ImportRefused(
        _(
            "The file weighs %(size)s; at most %(limit)s are imported at once. "
            "Split it into smaller files."
        )
        % {"size": filesizeformat(size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
    )


def refuse_rows():
    raise ImportRefused(
        _(
            "The file has more than %(limit)s rows; at most %(limit)s are imported at "
            "once. Split it into smaller files."
        )
        % {"limit": settings.IMPORT_MAX_ROWS}
    )


def count_csv_rows(file, limit, encoding="utf-8-sig"):
    """Rows of a CSV file (header included), read as a stream that stops after
    `limit` + 1 rows: returns min(rows, limit + 1)."""
    file.seek(0)
    text = io.TextIOWrapper(file, encoding=encoding, errors="replace", newline="")
    try:
        return _count_stream(csv.reader(text), limit)
    finally:
        text.detach()  # leave the upload open for the importer
        file.seek(0)


def _count_stream(rows, limit):
    """Rows with a value in `rows`, pulled one by one until there are `limit` + 1 of
    them (returned then), or ten times as many rows in all, blank ones included."""
    count = 0
    for seen, row in enumerate(rows, 1):
        # Blank rows are skipped by the importer (IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES),
        # but a file of nothing but blank rows is still refused early.
        if any(cell not in (None, "") for cell in row):
            count += 1
        if count > limit or seen > 10 * limit:
            return limit + 1
    return count


def count_workbook_rows(file, limit):
    """Rows of the active sheet of an XLSX workbook, counted without expanding it:
    refused at once when its archive or its sheet declares too much, else read as a
    stream that stops after `limit` + 1 rows. Returns min(rows, limit + 1); None when
    the file is not a workbook (the importer then says it cannot be read)."""
    from openpyxl import load_workbook

    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
        # What the members say they expand to (a zip bomb says it too).
        expanded = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        file.seek(0)
        return None
    # Held to the same limit once unzipped (a 2,000-row sheet is about 1 MB of XML):
    # openpyxl reads a sheet with no declared dimension in full just to size it.
    if expanded > settings.IMPORT_MAX_BYTES:
        logger.warning("Import refused: a workbook that expands to %s bytes.", expanded)
        refuse_rows()
    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 (an unreadable workbook: the importer says so)
        file.seek(0)
        return None
    try:
        sheet = workbook.active
        # The dimension the sheet declares ("A1:K1000001"); None when it has none.
        if sheet.max_row is not None and sheet.max_row > limit:
            refuse_rows()
        return _count_stream(sheet.iter_rows(values_only=True), limit)
    finally:
        workbook.close()
        file.seek(0)


def check_upload(uploaded, input_format):
    """Refuse (ImportRefused) an upload too large or with too many rows, before any
    importer parses it. Returns the number of rows read (at most the limit + 2)."""
    if uploaded.size > settings.IMPORT_MAX_BYTES:
        refuse_size(uploaded.size)
    # The header and the rows allowed, then one more row shows the file is too long.
    limit = settings.IMPORT_MAX_ROWS + 1
    if isinstance(input_format, XLSX):
        rows = count_workbook_rows(uploaded, limit)
    else:
        rows = count_csv_rows(uploaded, limit)
    if rows is not None and rows > limit:
        refuse_rows()
    return rows


class BoundedImportForm(ImportForm):
    """The admin's import form, which refuses a file over the limits before the
    importer reads it (nothing is stored then)."""

    def __init__(self, formats, resources, **kwargs):
        self.import_formats = formats
        super().__init__(formats, resources, **kwargs)

    def clean(self):
        cleaned = super().clean()
        uploaded = cleaned.get("import_file")
        chosen = cleaned.get("format")
        if uploaded is not None and chosen not in (None, ""):
            try:
                check_upload(uploaded, self.import_formats[int(chosen)]())
            except ImportRefused as refused:
                self.add_error("import_file", forms.ValidationError(str(refused)))
        return cleaned


def tmp_dir():
    return Path(settings.IMPORT_TMP_DIR)


def is_stored_name(name):
    """True for a name we gave an upload (not a path someone typed)."""
    return isinstance(name, str) and STORED_NAME.fullmatch(name) is not None


class ImportTempStorage(BaseStorage):
    """Uploads kept between an import's preview and its confirmation, in
    IMPORT_TMP_DIR (shared by every process), under a random name. A name that is
    not one of ours is refused; files older than an hour are removed."""

    def save(self, data):
        directory = tmp_dir()
        directory.mkdir(parents=True, exist_ok=True)
        self._remove_unconfirmed(directory)
        self.name = uuid.uuid4().hex
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.path(), mode, encoding=None if mode == "wb" else self.encoding) as file:
            file.write(data)

    def read(self):
        mode = self.read_mode
        with open(self.path(), mode, encoding=None if "b" in mode else self.encoding) as file:
            return file.read()

    def remove(self):
        try:
            os.remove(self.path())
        except FileNotFoundError:
            pass

    def exists(self):
        return is_stored_name(self.name) and os.path.exists(self.path())

    def path(self):
        if not is_stored_name(self.name):
            raise ImportRefused(
                _("This import is not known or has expired: import the file again.")
            )
        return tmp_dir() / self.name

    @staticmethod
    def _remove_unconfirmed(directory):
        oldest = time.time() - UNCONFIRMED_MAX_AGE
        for entry in directory.iterdir():
            try:
                if entry.stat().st_mtime < oldest:
                    entry.unlink()
            except FileNotFoundError:
                continue


class RequestSizeLimit:
    """Refuse (413) a request whose declared body is over REQUEST_MAX_BYTES before
    Django reads any of it: a 50 MB upload is answered at once, not spooled to disk
    and parsed. Files within it are then held to their own limits (imports above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            logger.warning("Request of %s bytes to %s refused.", length, request.path)
            message = _(
                "This request is too large (%(size)s; at most %(limit)s). For an import, "
                "split the file into smaller files."
            ) % {
                "size": filesizeformat(length),
                "limit": filesizeformat(settings.REQUEST_MAX_BYTES),
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
