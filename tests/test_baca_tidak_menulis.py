"""Reading never writes: a GET of any page, by any role, leaves every table's
row count as it was (it used to create TahunKinerja rows)."""

import pytest
from django.db import connection
from django.urls import reverse

from .test_akses_semua_url import RUTE, objek, persona  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

HALAMAN = sorted(nama for nama, rute in RUTE.items() if not rute.post)


def jumlah_baris() -> dict[str, int]:
    with connection.cursor() as cursor:
        hasil = {}
        for tabel in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT count(*) FROM "{tabel}"')
            hasil[tabel] = cursor.fetchone()[0]
    return hasil


@pytest.mark.parametrize("peran", ["Admin", "Operator", "Sekretaris", "Ketua"])
def test_no_page_writes_a_row_when_read(peran, objek, persona, client):  # noqa: F811
    client.force_login(persona[peran])
    sebelum = jumlah_baris()
    for nama in HALAMAN:
        rute = RUTE[nama]
        kwargs = rute.kwargs(objek) if rute.kwargs else {}
        url = reverse(nama, kwargs=kwargs or None)
        url += rute.query(objek) if rute.query else ""
        client.get(url)
        # A year without any TahunKinerja row yet, for the pages that take the
        # year from the query (a document's year is in its path: the same page).
        if "tahun" not in kwargs:
            client.get(url + ("&" if "?" in url else "?") + "tahun=2022")
    sesudah = jumlah_baris()
    berubah = {t: (sebelum[t], sesudah[t]) for t in sebelum if sebelum[t] != sesudah[t]}
    assert not berubah, f"GET menulis baris: {berubah}"
