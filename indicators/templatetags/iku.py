from django import template

from indicators import format as fmt
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


@register.inclusion_tag("indicators/_kategori.html")
def kategori(capaian, skala):
    """A category badge: colour plus its name, so it reads without colour too."""
    if capaian in (None, ""):  # no value row at all: the template gives ""
        return {"kategori": None}
    return {"kategori": kategori_untuk(capaian, skala)}


@register.filter
def orang(user) -> str:
    """A user's full name, else username; a dash when there is none (deleted user)."""
    if not user:
        return "—"
    return user.get_full_name() or user.username
