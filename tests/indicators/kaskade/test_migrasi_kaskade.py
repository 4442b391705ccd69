"""Migration 0004 (the cascade links) and 0005 (measurement through the year)
leave every existing row and value as it was: Mesuji's 2020–2024 decree, its 71
indicators, their yearly values, capaian and history are the same before and
after; the new columns read "own indicator, active, not adopted" and "measured
once a year, yearly target typed"."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from indicators import capaian as cp

SEBELUM = [("indicators", "0003_hapus_izin_peran_aplikasi")]
KOLOM_BARU = {
    "indicators_penetapaniku": {"induk_id": None},
    "indicators_program": {"induk_id": None},
    "indicators_kegiatan": {"induk_id": None},
    "indicators_sasaran": {"induk_id": None},
    "indicators_indikator": {
        "induk_id": None,
        "sidik_induk": "",
        "aktif": True,
        "dihentikan_pada": None,
    },
    "indicators_historicalindikator": {
        "induk_id": None,
        "sidik_induk": "",
        "aktif": True,
        "dihentikan_pada": None,
    },
}


SEBELUM_0005 = [("indicators", "0004_kaskade")]
KOLOM_0005 = {
    "indicators_indikator": {"periode_ukur": "tahunan", "aturan_tahunan": "nilai_akhir"},
    "indicators_historicalindikator": {
        "periode_ukur": "tahunan",
        "aturan_tahunan": "nilai_akhir",
    },
    "indicators_nilaiindikator": {
        "target_diketik": True,
        "target_sd": None,
        "terukur_sampai": 0,
        "alasan_terlambat": "",
    },
    "indicators_historicalnilaiindikator": {
        "target_diketik": True,
        "target_sd": None,
        "terukur_sampai": 0,
        "alasan_terlambat": "",
    },
}


def _migrasi(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _isi_mesuji(apps) -> None:
    """Mesuji's Lampiran from the fixture, written with the models as they were
    at 0003, with five years of values and a history row per indicator."""
    data = json.loads(
        (Path(settings.BASE_DIR) / "fixtures/lampiran_kpu_mesuji_2022.json").read_text()
    )
    Satker = apps.get_model("indicators", "Satker")
    PenetapanIKU = apps.get_model("indicators", "PenetapanIKU")
    model = {n: apps.get_model("indicators", n) for n in ("Program", "Kegiatan", "Sasaran")}
    Indikator = apps.get_model("indicators", "Indikator")
    NilaiIndikator = apps.get_model("indicators", "NilaiIndikator")
    HistoricalIndikator = apps.get_model("indicators", "HistoricalIndikator")
    # A transactional test before this one may have flushed the migration's rows.
    mesuji, _ = Satker.objects.get_or_create(
        kode="1811",
        defaults={"nama": "Komisi Pemilihan Umum Kabupaten Mesuji", "tingkat": "kabkota"},
    )
    penetapan = PenetapanIKU.objects.create(
        satker=mesuji,
        **{k: v for k, v in data[3]["fields"].items() if k != "satker"},
    )
    baru = {"program": {}, "kegiatan": {}, "sasaran": {}}
    induk = {"program": "penetapan", "kegiatan": "program", "sasaran": "kegiatan"}
    sebelumnya = {"kegiatan": "program", "sasaran": "kegiatan"}
    for o in data[4:]:
        nama = o["model"].split(".")[1]
        f = dict(o["fields"])
        if nama == "indikator":
            f["sasaran"] = baru["sasaran"][f["sasaran"]]
            f.pop("penanggung_jawab", None)
            ind = Indikator.objects.create(pk=o["pk"], **f)
            HistoricalIndikator.objects.create(
                id=ind.pk,
                history_type="+",
                history_date="2022-04-21T08:00:00Z",
                **{k: v for k, v in f.items() if k != "urutan"},
            )
            for tahun in range(2020, 2025):
                NilaiIndikator.objects.create(
                    indikator=ind,
                    tahun=tahun,
                    target=Decimal(80 + ind.pk % 20),
                    realisasi=Decimal(70 + (ind.pk * tahun) % 35) if tahun < 2024 else None,
                )
            continue
        f[induk[nama]] = penetapan if nama == "program" else baru[sebelumnya[nama]][f[induk[nama]]]
        baru[nama][o["pk"]] = model[nama.capitalize()].objects.create(pk=o["pk"], **f)


def _potret() -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of every table of the app, in key order."""
    hasil = {}
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names(cursor):
            if not tabel.startswith("indicators_"):
                continue
            cursor.execute(f'SELECT * FROM "{tabel}" ORDER BY 1')
            kolom = [c[0] for c in cursor.description]
            hasil[tabel] = (kolom, cursor.fetchall())
    return hasil


@pytest.fixture(params=[(SEBELUM, KOLOM_BARU), (SEBELUM_0005, KOLOM_0005)], ids=["0004", "0005"])
def sebelum(request, transactional_db):
    """The database before the migration under test, with its new columns'
    defaults; migrated forward again afterwards, whatever happens."""
    target, kolom_baru = request.param
    apps = _migrasi(target)
    yield apps, kolom_baru
    _migrasi(MigrationExecutor(connection).loader.graph.leaf_nodes("indicators"))


def test_the_migration_keeps_every_existing_row_value_and_capaian(sebelum):
    apps, kolom_baru_semua = sebelum
    _isi_mesuji(apps)
    NilaiIndikator = apps.get_model("indicators", "NilaiIndikator")
    capaian_lama = {
        (n.indikator_id, n.tahun): cp.hitung_capaian(
            n.target, n.realisasi, n.indikator.polaritas, n.indikator.rumus_negatif
        )
        for n in NilaiIndikator.objects.select_related("indikator")
    }
    lama = _potret()
    assert len(lama["indicators_indikator"][1]) == 71
    assert len(lama["indicators_nilaiindikator"][1]) == 355

    _migrasi(MigrationExecutor(connection).loader.graph.leaf_nodes("indicators"))
    kini = _potret()

    for tabel, (kolom, baris) in lama.items():
        kolom_kini, baris_kini = kini[tabel]
        posisi = [kolom_kini.index(k) for k in kolom]
        assert [tuple(b[i] for i in posisi) for b in baris_kini] == baris, tabel
        for nama, bawaan in kolom_baru_semua.get(tabel, {}).items():
            i = kolom_kini.index(nama)
            assert {b[i] for b in baris_kini} <= {bawaan}, f"{tabel}.{nama}"

    from indicators.models import Indikator, PenetapanIKU
    from indicators.models import NilaiIndikator as Nilai

    penetapan = PenetapanIKU.objects.get(satker__kode="1811")
    assert (penetapan.periode, penetapan.induk_id) == ("2020–2024", None)
    assert Indikator.objects.dari_penetapan(penetapan).filter(aktif=True).count() == 71
    capaian_kini = {
        (n.indikator_id, n.tahun): n.capaian for n in Nilai.objects.select_related("indikator")
    }
    assert capaian_kini == capaian_lama
    # The documents read the same numbers: the Pengukuran Kinerja of every year.
    from reporting.laporan.selectors import susun_laporan

    for tahun in range(2020, 2025):
        laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
        assert {(b.indikator.pk, tahun): b.capaian for b in laporan.baris} == {
            k: v for k, v in capaian_lama.items() if k[1] == tahun
        }
