"""Refresh the message catalogues and compile them (developers only; needs GNU gettext).

    .venv/bin/python scripts/i18n.py

Runs ``makemessages``, fills Chinese from ``translations_zh.py``, lists any msgid still
untranslated (and fails), then ``compilemessages``. The .po and .mo files are committed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
from translations_zh import ZH, ZH_PLURAL  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "src" / "fupin"
FUPIN = str(ROOT / ".venv" / "bin" / "fupin")


def main() -> int:
    subprocess.run([FUPIN, "makemessages", "-l", "zh_Hans", "-l", "en", "--no-obsolete",
                    "--ignore", "migrations/*"], cwd=APP, check=True)
    po = polib.pofile(str(APP / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = []
    for entry in po:
        if entry.msgid_plural:
            if entry.msgid in ZH_PLURAL:
                entry.msgstr_plural = {0: ZH_PLURAL[entry.msgid]}
            else:
                missing.append(entry.msgid)
        elif entry.msgid in ZH:
            entry.msgstr = ZH[entry.msgid]
        else:
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    if missing:
        print("untranslated:", *missing, sep="\n  ")
        return 1
    subprocess.run([FUPIN, "compilemessages"], cwd=APP, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
