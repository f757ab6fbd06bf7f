"""Fail when a French or German catalogue is missing, or has an empty or fuzzy message."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "de")
QUOTED = re.compile(r'"(.*)"\s*$')


def entries(po_text):
    """Yield (msgid, [msgstr, ...], fuzzy) for each entry, header excluded."""
    for block in po_text.split("\n\n"):
        msgid, msgstrs, fuzzy, current = "", [], False, None
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("msgid "):
                current = "msgid"
                msgid = QUOTED.search(line).group(1)
            elif line.startswith("msgid_plural"):
                current = "plural"
            elif line.startswith("msgstr"):
                current = "msgstr"
                msgstrs.append(QUOTED.search(line).group(1))
            elif line.startswith('"') and current == "msgid":
                msgid += QUOTED.search(line).group(1)
            elif line.startswith('"') and current == "msgstr":
                msgstrs[-1] += QUOTED.search(line).group(1)
        if msgstrs and msgid:
            yield msgid, msgstrs, fuzzy


def main():
    failures = []
    for lang in LANGUAGES:
        po = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
        if not po.exists():
            failures.append(f"missing catalogue {po.relative_to(ROOT)}")
            continue
        count = 0
        for msgid, msgstrs, fuzzy in entries(po.read_text(encoding="utf-8")):
            count += 1
            if fuzzy:
                failures.append(f"{lang}: fuzzy: {msgid}")
            elif not all(msgstrs):
                failures.append(f"{lang}: empty: {msgid}")
        print(f"{lang}: {count} messages")
    for failure in failures:
        print(failure)
    if failures:
        print(f"{len(failures)} translation problem(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
