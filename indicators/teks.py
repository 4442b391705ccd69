"""Free text typed by users: control characters are refused where the text enters.

PostgreSQL cannot store NUL in a text column (the save fails with an error page),
and the other C0 control characters cannot be written to the XML of an .xlsx or
shown in a document. Tab, line feed and carriage return are ordinary text.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def ada_karakter_kendali(nilai: str) -> bool:
    return bool(nilai) and _KENDALI.search(nilai) is not None


def bersihkan_teks(nilai: str, nama_kolom: str) -> str:
    """The text unchanged; ValidationError naming the field if it holds a control character."""
    if ada_karakter_kendali(nilai):
        raise ValidationError(
            f"Kolom {nama_kolom} berisi karakter kendali yang tidak diizinkan. "
            "Hapus karakter tersebut (biasanya ikut tersalin dari aplikasi lain), lalu simpan lagi.",
            code="karakter_kendali",
        )
    return nilai


class TeksTanpaKendali:
    """Form field mixin: the field's text goes through bersihkan_teks, named by its label."""

    def clean(self, value):
        nilai = super().clean(value)
        if isinstance(nilai, str):
            bersihkan_teks(nilai, str(self.label or "ini"))
        return nilai


class CharFieldTanpaKendali(TeksTanpaKendali, forms.CharField):
    pass
