"""The Chinese catalogue is complete, and the docs describe every snapshot column."""

from pathlib import Path

import polib

from fupin_engine import snapshot

ROOT = Path(__file__).resolve().parents[1]


def test_every_message_has_a_chinese_translation():
    po = polib.pofile(str(ROOT / "src/fupin/locale/zh_Hans/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert not missing
    mo = ROOT / "src/fupin/locale/zh_Hans/LC_MESSAGES/django.mo"
    assert len(polib.mofile(str(mo))) == len([e for e in po if e.translated()])


def test_format_doc_lists_every_column_with_its_label():
    doc = (ROOT / "docs/formats/snapshot-v1.md").read_text(encoding="utf-8")
    for table, columns in snapshot.SCHEMA.items():
        assert f"## `{table}`" in doc
        for col in columns:
            assert f"| `{col.name}` | {col.label} |" in doc, col.name
