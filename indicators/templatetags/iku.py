from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from indicators import angka as fmt
from indicators import tautan
from indicators.models import kategori_untuk

register = template.Library()


@register.filter
def angka(nilai, desimal=None):
    return fmt.angka(nilai, None if desimal in (None, "") else int(desimal))


@register.filter
def persen(nilai, desimal=2):
    return fmt.persen(nilai, int(desimal))


@register.filter
def rupiah(nilai):
    return fmt.rupiah(nilai)


@register.simple_tag
def kategori(capaian, skala):
    """A category badge: colour plus its name, so it reads without colour too.
    (A tag, not an included template: entry grids show one per row.)"""
    # No value row at all: the template gives "".
    return lencana(None if capaian in (None, "") else kategori_untuk(capaian, skala))


@register.filter
def lencana(kategori) -> str:
    """The badge of a category already known (a dash for none)."""
    if kategori is None:
        return mark_safe('<span class="kosong">—</span>')
    return format_html('<span class="kategori kategori-{}">{}</span>', kategori.pk, kategori.nama)


@register.filter
def orang(user) -> str:
    """A user's full name, else username; a dash when there is none (deleted user)."""
    if not user:
        return "—"
    return user.get_full_name() or user.username


@register.filter
def jangkar_indikator(indikator_pk) -> str:
    """The id of an indicator's row (entry grid, IKU table): see indicators.tautan."""
    return tautan.jangkar_indikator(indikator_pk)


@register.simple_tag
def tautan_indikator(tahun, indikator_pk, satker=None) -> str:
    """The indicator's row in the year's entry grid."""
    return tautan.tautan_indikator(tahun, indikator_pk, satker)


@register.simple_tag
def tautan_nilai(nilai) -> str:
    """An entry's row in its grid (the year's or its period's)."""
    return tautan.tautan_nilai(nilai)
