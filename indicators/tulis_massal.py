"""Bulk writes of new rows for the two paths that write thousands at once: the
Lampiran import and the cascade's copy of a decree's tree to 552 offices.

On PostgreSQL new rows (and their history rows) go in with COPY: at 100,000
values the ORM's per-value preparation and INSERT are most of an import's
time, and the KPU-wide adoption takes 13.5 s instead of 16.8 s
(bench/bench_adopsi.py, bench/bench_import.py). Elsewhere the ORM's bulk writes.
"""

import csv
import io
import operator

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history


def segarkan_statistik(*models) -> None:
    """Refresh PostgreSQL's planner statistics of tables that just received
    thousands of rows. Within the writing transaction autovacuum cannot see
    them, so the planner takes the tables for nearly empty and picks nested
    loops that crawl (minutes for one review step after the demo's cascade)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


# Field types whose Python values PostgreSQL's CSV input reads as they are.
_TIPE_LANGSUNG = {
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def _salin(cursor, tabel: str, kolom: list[str], teks: list[str], baris) -> None:
    """COPY rows into a table as CSV. None is written as an empty field, which
    COPY reads as NULL; the text columns (`teks`, never NULL in this project) are
    told to read an empty field as an empty text instead."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(baris)
    buffer.seek(0)
    q = connection.ops.quote_name
    opsi = "FORMAT csv" + (f", FORCE_NOT_NULL ({', '.join(map(q, teks))})" if teks else "")
    cursor.copy_expert(
        f"COPY {q(tabel)} ({', '.join(map(q, kolom))}) FROM STDIN WITH ({opsi})", buffer
    )


def _teks(fields) -> list[str]:
    return [f.column for f in fields if f.get_internal_type() in {"CharField", "TextField"}]


def sisip_baru(model, objs: list, pengguna) -> None:
    """Insert new rows and, for models with history, their "+" history rows, as
    simple_history's bulk_create_with_history does. On PostgreSQL with COPY and
    keys taken from the table's sequence first: at 100,000 values the ORM's
    per-value preparation and INSERT are most of an import's time. Elsewhere
    (and for a model with a field type COPY is not given here) the ORM's bulk
    writes."""
    if not objs:
        return
    riwayat = getattr(model, "history", None)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    if connection.vendor != "postgresql" or any(
        f.get_internal_type() not in _TIPE_LANGSUNG
        or (f.null and f.get_internal_type() in {"CharField", "TextField"})
        for f in fields
    ):
        if not isinstance(objs[0], model):  # plain attributes (see _tulis_nilai)
            objs[:] = [model(**vars(o)) for o in objs]
        if riwayat is not None:
            bulk_create_with_history(objs, model, batch_size=1000, default_user=pengguna)
        else:
            model.objects.bulk_create(objs, batch_size=1000)
        return

    sekarang = timezone.now()
    model_sungguhan = isinstance(objs[0], model)
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for o in objs:
                setattr(o, f.attname, sekarang)
        elif f.many_to_one and model_sungguhan:
            # A parent assigned before it was saved: take its key now.
            for o in objs:
                if getattr(o, f.attname) is None and f.is_cached(o):
                    induk = f.get_cached_value(o)
                    if induk is not None:
                        setattr(o, f.attname, induk.pk)
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(objs)],
        )
        for o, (kunci,) in zip(objs, cursor.fetchall(), strict=True):
            setattr(o, pk.attname, kunci)
            if model_sungguhan:
                o._state.adding = False
                o._state.db = connection.alias
        ambil = operator.attrgetter(pk.attname, *(f.attname for f in fields))
        _salin(
            cursor.cursor,
            model._meta.db_table,
            [pk.column, *(f.column for f in fields)],
            _teks(fields),
            map(ambil, objs),
        )
        if riwayat is None:
            return
        sejarah = riwayat.model
        tetap = {
            "history_date": sekarang,
            "history_change_reason": None,
            "history_type": "+",
            "history_user_id": pengguna.pk if pengguna is not None else None,
        }
        dilacak = list(sejarah.tracked_fields)
        kolom = {f.attname: f.column for f in sejarah._meta.concrete_fields}
        sisa = set(kolom) - {f.attname for f in dilacak} - set(tetap) - {"history_id"}
        if sisa:
            raise RuntimeError(f"Kolom riwayat yang tidak dikenal: {sorted(sisa)}")
        ambil = operator.attrgetter(*(f.attname for f in dilacak))
        ekor = tuple(tetap.values())
        _salin(
            cursor.cursor,
            sejarah._meta.db_table,
            [*(kolom[f.attname] for f in dilacak), *(kolom[n] for n in tetap)],
            [*_teks(dilacak), "history_type"],
            (ambil(o) + ekor for o in objs),
        )
