"""Pages computed from a decree's data, cached under a fingerprint of that data.

The fingerprint changes with any committed write to the rows a page reads, by
whatever path (ORM, bulk writes, raw SQL, admin), so a cached page is served
only for exactly the data it was computed from: never stale, nothing to
invalidate. The cache itself is Django's (CACHES; by default each worker
process's own memory).

Why it exists: the dashboard must answer within 3× a trivial login-required
view (bench/bench_dashboard.py measures both in one run: 2.3–2.55× with the
cache; computing the page afresh costs 20–25 ms, about 8×). Without that goal
this module would go.
"""

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

from .models import (
    BuktiDukung,
    Indikator,
    Kegiatan,
    KemajuanRencanaAksi,
    NilaiIndikator,
    PenetapanIKU,
    Program,
    RencanaAksi,
    Sasaran,
    SkalaKategori,
    TahunKinerja,
)

# Only ever served for identical data, so the timeout bounds memory, not staleness.
BATAS_DETIK = 60 * 60


def sidik_data(penetapan: PenetapanIKU) -> str | None:
    """A fingerprint of the decree, its Program/Kegiatan/Sasaran/Indikator, their
    yearly values and evidence, the satker's year states, the rating scale and
    the indicators' Rencana Aksi with their steps (the dashboard's quarter block;
    period values show through the yearly rows derived from them),
    taken from PostgreSQL's row versions: every insert or update writes a new
    version, with the writing transaction's id (xmin) and a new place in the
    table (ctid), and a delete removes one, so any change to those rows changes
    it, even a second change within one transaction. One query, much cheaper
    than reading the rows, and while nothing at all has been committed since the
    last one, a query of the snapshot only. None on other databases, which
    means: do not cache.
    A page cached with it must read nothing else (the satker's name, shown in
    page headers, is left out of cached parts)."""
    if connection.vendor != "postgresql":
        return None
    t = {
        m.__name__: m._meta.db_table
        for m in (PenetapanIKU, Program, Kegiatan, Sasaran, Indikator, NilaiIndikator)
        + (BuktiDukung, SkalaKategori, TahunKinerja, RencanaAksi, KemajuanRencanaAksi)
    }
    sql = f"""
        SELECT md5(string_agg(concat_ws('.', p.id, p.xmin, p.ctid, k.id, k.xmin, k.ctid,
                                        s.id, s.xmin, s.ctid, i.id, i.xmin, i.ctid,
                                        n.id, n.xmin, n.ctid, b.id, b.xmin, b.ctid),
                              ',' ORDER BY i.id, n.id, b.id)),
               (SELECT concat_ws('.', id, xmin, ctid) FROM {t["PenetapanIKU"]} WHERE id = %s),
               (SELECT string_agg(concat_ws('.', id, xmin, ctid), ',' ORDER BY id)
                  FROM {t["SkalaKategori"]}),
               (SELECT string_agg(concat_ws('.', id, xmin, ctid), ',' ORDER BY id)
                  FROM {t["TahunKinerja"]} WHERE satker_id = %s),
               (SELECT md5(string_agg(concat_ws('.', r.id, r.xmin, r.ctid, m.id, m.xmin, m.ctid),
                                      ',' ORDER BY r.id, m.id))
                  FROM {t["RencanaAksi"]} r
                  LEFT JOIN {t["KemajuanRencanaAksi"]} m ON m.rencana_id = r.id
                 WHERE r.indikator_id IN (
                       SELECT i2.id FROM {t["Indikator"]} i2
                         JOIN {t["Sasaran"]} s2 ON s2.id = i2.sasaran_id
                         JOIN {t["Kegiatan"]} k2 ON k2.id = s2.kegiatan_id
                         JOIN {t["Program"]} p2 ON p2.id = k2.program_id
                        WHERE p2.penetapan_id = %s))
          FROM {t["Program"]} p
          JOIN {t["Kegiatan"]} k ON k.program_id = p.id
          JOIN {t["Sasaran"]} s ON s.kegiatan_id = k.id
          JOIN {t["Indikator"]} i ON i.sasaran_id = s.id
          LEFT JOIN {t["NilaiIndikator"]} n ON n.indikator_id = i.id AND n.triwulan = 0
          LEFT JOIN {t["BuktiDukung"]} b ON b.nilai_id = n.id
         WHERE p.penetapan_id = %s"""  # table names come from the models; values are bound
    return _sidik(
        ("penetapan", penetapan.pk),
        sql,
        [penetapan.pk, penetapan.satker_id, penetapan.pk, penetapan.pk],
    )


def sidik_tahun(tahun: int) -> str | None:
    """A fingerprint of everything a page across satker reads for `tahun` (the
    rekap, the national benchmark): every satker, decree, Program, Kegiatan,
    Sasaran and Indikator, the year's yearly values and satker-year states, and
    the rating scale. Whole tables, no joins: one scan each. None off PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    from .models import Satker

    # Per table the number of rows and the sum of a 64-bit hash of each row's
    # version: order-free, so no sort and no long string (a third of the time
    # of md5(string_agg(… ORDER BY id)) over 550 satker's rows).
    def semua(model, syarat: str = "") -> str:
        return (
            "(SELECT concat_ws(':', count(*), "
            "sum(hashtextextended(concat_ws('.', id, xmin, ctid), 0))) "
            f"FROM {model._meta.db_table} {syarat})"
        )

    bagian = [
        semua(m)
        for m in (Satker, PenetapanIKU, Program, Kegiatan, Sasaran, Indikator, SkalaKategori)
    ]
    bagian.append(semua(NilaiIndikator, "WHERE tahun = %s AND triwulan = 0"))
    bagian.append(semua(TahunKinerja, "WHERE tahun = %s"))
    sql = "SELECT " + ", ".join(bagian)  # table names come from the models; values are bound
    return _sidik(("tahun", tahun), sql, [tahun, tahun])


def sidik_penetapan_tahun(penetapan: list[int], tahun: int) -> dict[int, str] | None:
    """{decree pk: a fingerprint of its indicators and their yearly values of
    `tahun`} for many decrees in one query: what a row of the rekap reads of
    each office (the rows of the indicators reached through its Program,
    Kegiatan and Sasaran, and their values). A decree without indicators is
    left out. None off PostgreSQL.

    It lets the rekap across 553 offices recompute only the offices whose data
    changed: bench/bench_rekap.py measures why."""
    if connection.vendor != "postgresql":
        return None
    t = {
        m.__name__: m._meta.db_table
        for m in (Program, Kegiatan, Sasaran, Indikator, NilaiIndikator)
    }
    sql = f"""
        SELECT p.penetapan_id,
               concat_ws(':', count(*),
                         sum(hashtextextended(concat_ws('.', i.id, i.xmin, i.ctid,
                                                        n.id, n.xmin, n.ctid), 0)))
          FROM {t["Program"]} p
          JOIN {t["Kegiatan"]} k ON k.program_id = p.id
          JOIN {t["Sasaran"]} s ON s.kegiatan_id = k.id
          JOIN {t["Indikator"]} i ON i.sasaran_id = s.id
          LEFT JOIN {t["NilaiIndikator"]} n
                 ON n.indikator_id = i.id AND n.tahun = %s AND n.triwulan = 0
         WHERE p.penetapan_id = ANY(%s)
         GROUP BY p.penetapan_id"""  # table names come from the models; values are bound
    with connection.cursor() as cursor:
        cursor.execute(sql, [tahun, list(penetapan)])
        return dict(cursor.fetchall())


def _sidik(kunci: tuple, sql: str, parameter: list) -> str:
    with connection.cursor() as cursor:
        # Nothing committed anywhere since the last fingerprint under this key
        # (the same snapshot), and nothing written by this transaction: the
        # data is the same, and so is the fingerprint.
        cursor.execute("SELECT txid_current_snapshot()::text, txid_current_if_assigned()")
        snapshot, menulis = cursor.fetchone()
        terakhir = _TERAKHIR.get(kunci)
        sekarang = jam()
        if (
            menulis is None
            and terakhir is not None
            and terakhir[0] == snapshot
            and sekarang - terakhir[2] < _TERAKHIR_DETIK
        ):
            return terakhir[1]
        cursor.execute(sql, parameter)
        hasil = "|".join(str(x) for x in cursor.fetchone())
    if menulis is None:
        _TERAKHIR[kunci] = (snapshot, hasil, sekarang)
    return hasil


# Per process: ("penetapan", pk) or ("tahun", year) → (database snapshot,
# fingerprint taken in it, when).
# Kept a minute at most, so a database swapped under a running server (a
# restored cluster whose transaction counter meets an old snapshot) cannot
# match an old entry.
_TERAKHIR: dict[tuple, tuple[str, str, float]] = {}
_TERAKHIR_DETIK = 60
# The clock of that minute; tests replace it, so that no entry's age depends on
# how fast the machine runs them.
jam: Callable[[], float] = time.monotonic


def lupakan_snapshot() -> None:
    """Forgets every remembered snapshot: the next fingerprint is read in full."""
    _TERAKHIR.clear()


def dari_cache(jenis: str, penetapan: PenetapanIKU, parameter: tuple, hitung: Callable):
    """`hitung(penetapan)` for this decree's current data and these page
    parameters, computed once and then served from the cache. On databases
    without a fingerprint, computed every time.

    A computed value is stored only if the fingerprint is the same after
    computing as before, and it is computed from the decree read again after
    the fingerprint: a write landing meanwhile can never leave a value under a
    key that does not describe the data it was computed from."""
    sidik = sidik_data(penetapan)
    if sidik is None:
        return hitung(penetapan)
    kunci = (
        f"{jenis}:"
        + hashlib.blake2b(
            repr((sidik, penetapan.pk, parameter)).encode(), digest_size=20
        ).hexdigest()
    )
    nilai = cache.get(kunci)
    if nilai is not None:
        return nilai
    segar = PenetapanIKU.objects.select_related("satker").get(pk=penetapan.pk)
    nilai = hitung(segar)
    if sidik_data(segar) == sidik:
        cache.set(kunci, nilai, timeout=BATAS_DETIK)
    return nilai


def dari_cache_tahun(jenis: str, tahun: int, parameter: tuple, hitung: Callable):
    """`hitung()` for the data of `tahun` across every satker (sidik_tahun) and
    these page parameters, computed once and then served from the cache; the
    same guarantees as dari_cache. Computed every time off PostgreSQL."""
    sidik = sidik_tahun(tahun)
    if sidik is None:
        return hitung()
    kunci = (
        f"{jenis}:"
        + hashlib.blake2b(repr((sidik, tahun, parameter)).encode(), digest_size=20).hexdigest()
    )
    nilai = cache.get(kunci)
    if nilai is not None:
        return nilai
    nilai = hitung()
    if sidik_tahun(tahun) == sidik:
        cache.set(kunci, nilai, timeout=BATAS_DETIK)
    return nilai
