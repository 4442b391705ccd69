from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def lencana(kategori) -> str:
    """The category badge of indicators/_kategori.html, as a filter: the
    dashboard prints it for every row, and an inclusion tag per row costs a
    template render each time."""
    if kategori is None:
        return mark_safe('<span class="kosong">—</span>')
    return format_html('<span class="kategori kategori-{}">{}</span>', kategori.pk, kategori.nama)
