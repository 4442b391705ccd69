"""The stylesheets parse as their authors meant: one unclosed block once put
every rule after it inside `@media print`, so the entry grid lost its screen
styles (phone cards, status badges) without any error anywhere."""

from pathlib import Path

import pytest
import tinycss2

STATIC = Path(__file__).resolve().parents[1] / "static" / "css"


@pytest.mark.parametrize("berkas", sorted(STATIC.glob("*.css")), ids=lambda p: p.name)
def test_every_block_is_closed_and_every_rule_parses(berkas):
    teks = berkas.read_text(encoding="utf-8")
    aturan = tinycss2.parse_stylesheet(teks, skip_whitespace=True, skip_comments=True)
    assert [a.message for a in aturan if a.type == "error"] == []
    kedalaman = 0
    for nomor, baris in enumerate(teks.splitlines(), start=1):
        kedalaman += baris.count("{") - baris.count("}")
        assert kedalaman >= 0, f"{berkas.name} baris {nomor}: kurung tutup berlebih"
    assert kedalaman == 0, f"{berkas.name}: blok yang tidak ditutup"
    # Rules for screen: a print block holds no nested block of its own.
    for a in aturan:
        if a.type == "at-rule" and a.lower_at_keyword == "media" and a.content:
            isi = tinycss2.parse_rule_list(a.content, skip_whitespace=True, skip_comments=True)
            assert not [b for b in isi if b.type == "at-rule"], (
                f"{berkas.name} baris {a.source_line}: @media di dalam @media"
            )
