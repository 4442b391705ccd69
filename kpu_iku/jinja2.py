"""The Jinja2 environment, for the few templates rendered often enough that
Django's template engine is their cost (see templates/*/*.jinja). The filters
and tags are the same functions the Django templates use."""

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import dateformat, timezone
from jinja2 import Environment

from indicators.templatetags import iku


def _tanggal(nilai, pola: str) -> str:
    if not nilai:
        return ""
    return dateformat.format(timezone.localtime(nilai), pola)


def lingkungan(**opsi) -> Environment:
    env = Environment(trim_blocks=True, lstrip_blocks=True, **opsi)
    env.filters.update(
        angka=iku.angka,
        persen=iku.persen,
        orang=iku.orang,
        lencana=iku.lencana,
        tanggal=_tanggal,
        linebreaksbr=linebreaksbr,
        jangkar_indikator=iku.jangkar_indikator,
    )
    env.globals.update(
        url=lambda nama, *args: reverse(nama, args=args),
        kategori=iku.kategori,
    )
    return env
