"""Pages computed from a decree's data, cached under a fingerprint of that data.

The fingerprint changes with any committed write to the rows a page reads, by
whatever path (ORM, bulk writes, raw SQL, admin), so a cached page is served
only for exactly the data it was computed from: never stale, nothing to
invalidate. The cache itself is Django's (CACHES; by default each worker
process's own memory).

Two sources, both PostgreSQL's own: for one decree (sidik_data) the versions of
its rows (each write leaves a new one); across satker (sidik_tahun,
sidik_penetapan_tahun), where hashing the versions of some 80.000 rows cost
200 ms a page, the change log that triggers keep per decree and year
(JejakPerubahan, migration 0008), read in a millisecond.

Why it exists: the dashboard must answer within 3× a trivial login-required
view (bench/bench_dashboard.py measures both in one run: 2.3–2.55× with the
cache; computing the page afresh costs 20–25 ms, about 8×), and the rekap of
553 offices within 300 ms computed and 3× served again (bench/bench_rekap.py).
Without those goals this module would go.
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
    rekap, the national benchmark): every satker and decree, the satker-year
    states and the rating scale (small tables, hashed row by row as in
    sidik_data), and the change log of every decree's tree and of its values
    of that year (JejakPerubahan). None off PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    from .models import JejakPerubahan, Satker

    # Per table the number of rows and the sum of a 64-bit hash of each row's
    # version: order-free, so no sort and no long string.
    def semua(model, syarat: str = "") -> str:
        return (
            "(SELECT concat_ws(':', count(*), "
            "sum(hashtextextended(concat_ws('.', id, xmin, ctid), 0))) "
            f"FROM {model._meta.db_table} {syarat})"
        )

    bagian = [semua(m) for m in (Satker, PenetapanIKU, SkalaKategori)]
    bagian.append(semua(TahunKinerja, "WHERE tahun = %s"))
    bagian.append(
        "(SELECT concat_ws(':', sum(bobot), max(txid)) "
        f"FROM {JejakPerubahan._meta.db_table} WHERE tahun IN (0, %s))"
    )
    sql = "SELECT " + ", ".join(bagian)  # table names come from the models; values are bound
    return _sidik(("tahun", tahun), sql, [tahun, tahun])


def sidik_penetapan_tahun(penetapan: list[int], tahun: int) -> dict[int, str] | None:
    """{decree pk: a fingerprint of its indicators and their yearly values of
    `tahun`} for many decrees in one query: what a row of the rekap reads of
    each office, from the change log (JejakPerubahan) of the decree's tree and
    of its values of that year, and of the rows whose decree was gone (they
    count for every decree). None off PostgreSQL.

    It lets the rekap across 553 offices recompute only the offices whose data
    changed: bench/bench_rekap.py measures why."""
    if connection.vendor != "postgresql":
        return None
    from .models import JejakPerubahan

    sql = f"""
        SELECT penetapan_id, sum(bobot), max(txid)
          FROM {JejakPerubahan._meta.db_table}
         WHERE penetapan_id = ANY(%s) AND tahun IN (0, %s)
         GROUP BY penetapan_id"""  # the table name comes from the model; values are bound
    with connection.cursor() as cursor:
        cursor.execute(sql, [[0, *penetapan], tahun])
        jejak = {pk: (int(bobot), txid) for pk, bobot, txid in cursor.fetchall()}
    semua_bobot, semua_txid = jejak.pop(0, (0, 0))
    hasil = {}
    for pk in penetapan:
        bobot, txid = jejak.get(pk, (0, 0))
        hasil[pk] = f"{bobot + semua_bobot}:{max(txid, semua_txid)}"
    return hasil


def sidik_pohon_satker(satker_id: int) -> str | None:
    """A fingerprint of a satker's decrees and their trees (Program to
    Indikator, not their values), from the decrees' rows and the change log:
    one small query, for what every page reads of the satker's catalogue (the
    menu's count, indicators.kekurangan). None off PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    from .models import JejakPerubahan

    p, j = PenetapanIKU._meta.db_table, JejakPerubahan._meta.db_table
    sql = f"""
        SELECT (SELECT string_agg(concat_ws('.', id, xmin, ctid), ',' ORDER BY id)
                  FROM {p} WHERE satker_id = %s),
               (SELECT concat_ws(':', sum(bobot), max(txid)) FROM {j}
                 WHERE tahun = 0
                   AND (penetapan_id = 0
                        OR penetapan_id IN (SELECT id FROM {p} WHERE satker_id = %s)))"""
    with connection.cursor() as cursor:  # table names come from the models; values are bound
        cursor.execute(sql, [satker_id, satker_id])
        return "|".join(str(x) for x in cursor.fetchone())


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


def kunci_cache(jenis: str, *bagian) -> str:
    """The cache key of a value of kind `jenis` computed for a fingerprint and
    page parameters (`bagian`): the kind and a digest of the rest."""
    return f"{jenis}:" + hashlib.blake2b(repr(bagian).encode(), digest_size=20).hexdigest()


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
    kunci = kunci_cache(jenis, sidik, penetapan.pk, parameter)
    nilai = cache.get(kunci)
    if nilai is not None:
        return nilai
    segar = PenetapanIKU.objects.select_related("satker").get(pk=penetapan.pk)
    nilai = hitung(segar)
    if sidik_data(segar) == sidik:
        cache.set(kunci, nilai, timeout=BATAS_DETIK)
    return nilai


def _dari_cache_sidik(jenis: str, ambil_sidik: Callable, parameter: tuple, hitung: Callable):
    """`hitung()` under the fingerprint `ambil_sidik()` and these parameters,
    with dari_cache's guarantees; computed every time where there is none."""
    sidik = ambil_sidik()
    if sidik is None:
        return hitung()
    kunci = kunci_cache(jenis, sidik, parameter)
    nilai = cache.get(kunci)
    if nilai is not None:
        return nilai
    nilai = hitung()
    if ambil_sidik() == sidik:
        cache.set(kunci, nilai, timeout=BATAS_DETIK)
    return nilai


def dari_cache_tahun(jenis: str, tahun: int, parameter: tuple, hitung: Callable):
    """`hitung()` for the data of `tahun` across every satker (sidik_tahun) and
    these page parameters, computed once and then served from the cache; the
    same guarantees as dari_cache. Computed every time off PostgreSQL."""
    return _dari_cache_sidik(jenis, lambda: sidik_tahun(tahun), (tahun, parameter), hitung)


def dari_cache_pohon(jenis: str, satker_id: int, parameter: tuple, hitung: Callable):
    """`hitung()` for a satker's catalogue (sidik_pohon_satker) and these
    parameters, computed once and then served from the cache; the same
    guarantees as dari_cache. Computed every time off PostgreSQL."""
    return _dari_cache_sidik(
        jenis, lambda: sidik_pohon_satker(satker_id), (satker_id, parameter), hitung
    )
