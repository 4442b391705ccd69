"""The fixture fixtures/lampiran_kpu_mesuji_2022.json holds the Lampiran of Keputusan
KPU Kabupaten Mesuji Nomor 18 Tahun 2022 (IKU 2020–2024) exactly as the decree prints it."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.models import (
    Indikator,
    Kegiatan,
    PenetapanIKU,
    Program,
    Sasaran,
    Satker,
    satuan_dari_nama,
)

REPO = Path(__file__).resolve().parents[3]
FIXTURE = REPO / "fixtures" / "lampiran_kpu_mesuji_2022.json"
SEED = Path(__file__).resolve().parents[4] / "shared" / "seed" / "000_b50359d0ff932fc6.txt"

# kode Kegiatan → (number of Sasaran, number of Indikator), counted in the decree.
PER_KEGIATAN = {
    "1.1": (4, 6),
    "1.2": (5, 5),
    "1.3": (5, 8),
    "1.4": (6, 8),
    "1.5": (10, 11),
    "1.6": (6, 6),
    "2.1": (3, 4),
    "3.1": (4, 15),
    "3.2": (1, 8),
}

PROGRAM = {
    "1": "Program Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya",
    "2": "Program Peningkatan Sarana dan Prasarana Aparatur KPU",
    "3": "Program Penguatan Kelembagaan Demokrasi dan Perbaikan Proses Politik",
}

KEGIATAN = {
    "1.1": "Pelaksanaan akuntabilitas pengelolaan administrasi keuangan di Lingkungan Setjen KPU",
    "1.5": "Penyelenggaraan Operasional dan Pemeliharaan Perkantoran (KPU)",
    "1.6": "Pemeriksaan di lingkungan Setjen KPU, Sekretariat Provinsi dan Sekretariat "
    "Kabupaten/Kota",
    "2.1": "Penyelenggaraan Dukungan sarana dan Prasarana",
    # Split by a page break, with "Perundang- undangan" and "penyelenggara an" repaired.
    "3.1": "Penyiapan penyusunan Rancangan Peraturan KPU, Advokasi, Penyelesaian Sengketa dan "
    "Penyuluhan Peraturan Perundang-undangan yang berkaitan dengan penyelenggaraan pemilu",
    "3.2": "Fasilitasi Pelaksanaan Tahapan Pemilu Legislatif, Pemilu Presiden dan Wakil "
    "Presiden, Pemilukada, Publikasi dan Sosialisasi serta Partisipasi Masyarakat dan PAW",
}

SASARAN = {
    # Printed in a shifted row; the 4th Sasaran of Kegiatan 1.
    "1.1.4": "Tersusunnya laporan pertanggungjawaban penggunaan anggaran",
    "1.2.2": "Terlaksananya pelebagaan SOP pengelolaan logistik",
    # "e- Government" repaired.
    "1.3.5": "Tersusunnya rencana penerapan e-Government yang konkrit dan terukur",
    "1.4.3": "Terselenggaranya seleksi PNS secara",
    "1.4.4": "Dokumen kepegawaian",
    "1.4.6": "Meningkatnya akuntabilitas penatausahaan Barang Milik Negara KPU Nasional",
    # "<i>Stock opname</i>" without its tags.
    "1.5.1": "Terwujudnya pengelolaan persediaan (Stock opname)",
    "1.5.10": "Meningkatnya layanan dukungan pengamanan",
    # Printed above Kegiatan 6's row, but they belong to it.
    "1.6.1": "Tersusunnya laporan hasil pemeriksaan",
    "1.6.2": "Tersusunnya laporan hasil pemeriksaan dengan tujuan tertentu",
    "1.6.3": "Tersusunnya laporan hasil tindak lanjut pemeriksaan BPK, BPKP dan APIP KPU",
    "1.6.4": "Tersusunnya laporan hasil evaluasi LAKIP",
    "1.6.5": "Tersusunnya laporan hasil review laporan keuangan",
    "1.6.6": "Tersusunnya laporan hasil review RKA K/L",
    "2.1.1": "Meningkatnya dukungan sarana transportasi/ mobilitas pegawai",
    # Split by page breaks.
    "3.1.1": "Meningkatnya kualitas rancangan Peraturan KPU dan Keputusan KPU yang sesuai "
    "dengan ketentuan pembentukan peraturan perundang-undangan",
    "3.1.4": "Meningkatnya kualitas pelayanan, pengelolaan dokumentasi dan informasi hukum",
}

INDIKATOR = {
    "1.1.2.1": "Jumlah laporan sistem akuntansi dan pelaporan keuangan",
    "1.1.2.2": "Petunjuk pengelolaan keuangan di lingkungan KPU",
    "1.1.2.3": "Jumlah juklas/juknis pengelolaan keuangan di lingkungan KPU",
    "1.1.4.1": "Jumlah KPU Provinsi dan Kab/Kota yang menyampaikan laporan pertanggungjawaban",
    "1.4.4.1": "Pengelolaan data base kepegawaian",
    "1.4.4.2": "Terlaksananya ketatalaksanaan SDM",
    "1.4.4.3": "Terlaksananya penataan SDM",
    # "kegiatan- kegiatan" repaired.
    "1.5.9.2": "Persentase terfasilitasinya keprotokolan dalam pendampingan kegiatan-kegiatan "
    "pimpinan",
    "1.6.1.1": "Persentase penurunan kasus terhadap penyelewengan keuangan, pegawai",
    "1.6.2.1": "Persentase pengaduan masyarakat yang ditindaklanjuti",
    # One printed cell, two indicators.
    "2.1.3.1": "Persentase tersedianya Pagar Kantor KPU Kabupaten Mesuji",
    "2.1.3.2": "Terselesaikannya tahapan pembangunan gedung KPU Pusat",
    # "perundang- undangan" repaired.
    "3.1.1.2": "Persentase peraturan KPU dan keputusan KPU yang sesuai format peraturan "
    "perundang-undangan",
    "3.1.1.3": "Persentase Provinsi yang mendapatkan penyuluhan peraturan RPU",
    "3.1.4.1": "Pendaftaran partai politik dan Anggota DPD",
    "3.1.4.6": "Fasilitasi monitoring dan supervise pelaksanaan pemilukada dan pemilu "
    "legislative dan Presiden/Wakil Presiden",
}

# Program kode → (first Indikator, last Indikator).
UJUNG_PROGRAM = {
    "1": (
        (
            "Persentase meningkatnya kapasitas pengetahuan/pemahaman para pejabat "
            "perbendaharaan pada KPU Kabupaten dalam pengelolaan"
        ),
        "Persentase penganggaran KPU yang efektif dan efisien",
    ),
    "2": (
        "Persentase pemenuhan kendaraan bermotor bagi pejabat dan operasional pegawai",
        "Terselesaikannya tahapan pembangunan gedung KPU Pusat",
    ),
    "3": (
        "Persentase ketepatan waktu harmonisasi dan penyusunan PKPU dan keputusan KPU",
        (
            "Persentase penyampaian informasi dan publikasi serta sosialisasi pada Pemilu dan "
            "Pemilukada"
        ),
    ),
}

# Sasaran whose cell the PDF splits across a page break: not one run of text in the seed.
SASARAN_TERPOTONG = {"3.1.1", "3.1.4"}


def normal(teks: str) -> str:
    return "".join(c for c in teks.lower() if c.isalnum())


def teks_seed() -> str:
    if not SEED.exists():
        pytest.skip(f"seed text not found at {SEED}")
    return normal(re.sub(r"<[^>]+>", "", SEED.read_text(encoding="utf-8")))


def muat() -> None:
    call_command("loaddata", str(FIXTURE), verbosity=0)


@pytest.fixture
def lampiran(db):
    muat()


def jumlah() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Satker, PenetapanIKU, Program, Kegiatan, Sasaran, Indikator)
    )


def semua_nama() -> list[str]:
    return [
        nama
        for model in (Program, Kegiatan, Sasaran, Indikator)
        for nama in model.objects.values_list("nama", flat=True)
    ]


def test_it_holds_3_programs_9_kegiatan_44_sasaran_71_indikator(lampiran):
    assert Program.objects.count() == 3
    assert Kegiatan.objects.count() == 9
    assert Sasaran.objects.count() == 44
    assert Indikator.objects.count() == 71


def test_each_kegiatan_has_the_decrees_number_of_sasaran_and_indikator(lampiran):
    dihitung = {
        k.kode: (
            k.sasaran.count(),
            Indikator.objects.filter(sasaran__kegiatan=k).count(),
        )
        for k in Kegiatan.objects.all()
    }
    assert dihitung == PER_KEGIATAN
    assert sum(s for s, _ in PER_KEGIATAN.values()) == 44
    assert sum(i for _, i in PER_KEGIATAN.values()) == 71


def test_it_is_decree_18_of_2022_of_kpu_mesuji_for_2020_to_2024(lampiran):
    penetapan = PenetapanIKU.objects.get()
    assert penetapan.satker.kode == "1811"
    assert penetapan.nomor == "18 Tahun 2022"
    assert penetapan.tanggal == date(2022, 4, 21)
    assert penetapan.tentang == (
        "Penetapan Indikator Kinerja Utama Tahun 2020-2024 di Lingkungan "
        "Komisi Pemilihan Umum Kabupaten Mesuji"
    )
    assert (penetapan.tahun_awal, penetapan.tahun_akhir) == (2020, 2024)
    assert penetapan.penandatangan == "Ketua Komisi Pemilihan Umum Kabupaten Mesuji"
    assert set(penetapan.program.values_list("kode", flat=True)) == set(PROGRAM)


def test_it_reuses_the_satker_rows_the_migration_created(db):
    sebelum = dict(Satker.objects.values_list("kode", "pk"))
    muat()
    assert dict(Satker.objects.values_list("kode", "pk")) == sebelum
    mesuji = Satker.objects.get(kode="1811")
    assert mesuji.nama == "Komisi Pemilihan Umum Kabupaten Mesuji"
    assert mesuji.tingkat == Satker.Tingkat.KABKOTA
    assert mesuji.induk.kode == "18"
    assert mesuji.induk.induk.kode == "00"
    assert mesuji.induk.induk.induk is None
    assert mesuji.kota == "Mesuji"


def _isi() -> dict:
    return {
        m.__name__: list(m.objects.order_by("pk").values())
        for m in (Satker, PenetapanIKU, Program, Kegiatan, Sasaran, Indikator)
    }


def test_the_demo_writes_the_same_rows_as_loaddata(db):
    from django.db import transaction

    from indicators.demo import muat_lampiran

    titik = transaction.savepoint()
    muat()
    dimuat = _isi()
    transaction.savepoint_rollback(titik)
    assert not Program.objects.exists()
    muat_lampiran()
    dipasang = _isi()
    # Only the decree's key is the next of its sequence, not the one loaddata took.
    for baris in (dimuat, dipasang):
        for p in baris["PenetapanIKU"]:
            p.pop("id")
        for p in baris["Program"]:
            p.pop("penetapan_id")
    assert dipasang == dimuat
    assert Indikator.objects.create(
        sasaran=Sasaran.objects.first(), urutan=99, kode="9.9", nama="Baru"
    ).pk > max(i["id"] for i in dimuat["Indikator"])


def test_kode_and_urutan_follow_the_decrees_order(lampiran):
    for i, program in enumerate(Program.objects.order_by("urutan"), 1):
        assert (program.urutan, program.kode) == (i, str(i))
    for induk, anak in (
        (Program, "kegiatan"),
        (Kegiatan, "sasaran"),
        (Sasaran, "indikator"),
    ):
        for obj in induk.objects.all():
            baris = list(getattr(obj, anak).order_by("urutan"))
            assert baris, obj
            assert [b.urutan for b in baris] == list(range(1, len(baris) + 1))
            assert [b.kode for b in baris] == [f"{obj.kode}.{b.urutan}" for b in baris]
            assert [b.pk for b in baris] == sorted(b.pk for b in baris)
    # The hierarchy's order is the fixture's (and the decree's) order.
    pks = list(Indikator.objects.dengan_hierarki().values_list("pk", flat=True))
    assert pks == list(range(1, 72))


def test_first_and_last_indikator_of_each_program_are_as_printed(lampiran):
    for kode, (pertama, terakhir) in UJUNG_PROGRAM.items():
        daftar = list(
            Indikator.objects.dengan_hierarki()
            .filter(sasaran__kegiatan__program__kode=kode)
            .values_list("nama", flat=True)
        )
        assert (daftar[0], daftar[-1]) == (pertama, terakhir)


def test_names_are_the_decrees_own_with_only_extraction_breaks_repaired(lampiran):
    assert dict(Program.objects.values_list("kode", "nama")) == PROGRAM
    for model, harapan in ((Kegiatan, KEGIATAN), (Sasaran, SASARAN), (Indikator, INDIKATOR)):
        nama = dict(model.objects.filter(kode__in=harapan).values_list("kode", "nama"))
        assert nama == harapan


def test_ambiguous_rows_are_read_as_the_issue_decides(lampiran):
    def indikator(kode_sasaran: str) -> list[str]:
        return list(
            Indikator.objects.filter(sasaran__kode=kode_sasaran)
            .order_by("urutan")
            .values_list("nama", flat=True)
        )

    pemeriksaan = Kegiatan.objects.get(kode="1.6")
    assert list(pemeriksaan.sasaran.order_by("urutan").values_list("nama", flat=True)) == [
        SASARAN[f"1.6.{i}"] for i in range(1, 7)
    ]
    assert indikator("1.1.4") == [INDIKATOR["1.1.4.1"]]
    assert indikator("1.1.2") == [INDIKATOR[f"1.1.2.{i}"] for i in range(1, 4)]
    assert indikator("1.4.4") == [INDIKATOR[f"1.4.4.{i}"] for i in range(1, 4)]
    assert indikator("2.1.3") == [INDIKATOR["2.1.3.1"], INDIKATOR["2.1.3.2"]]
    assert indikator("3.1.4") == [
        "Pendaftaran partai politik dan Anggota DPD",
        "Terlaksananya pengelolaan dokumen produk hukum",
        "Terlaksananya penyediaan dan penyajian dokumentasi dan informasi hukum yang mutakhir",
        "Terlaksananya dukungan ketatausahaan yang handal (cepat, tepat dan akurat)",
        "Jumlah Provinsi dan Kabupaten/ Kota yang mengikuti Bimtek Pemilukada",
        INDIKATOR["3.1.4.6"],
    ]


def test_every_indikator_name_appears_in_the_seed():
    seed = teks_seed()
    nama = [
        o["fields"]["nama"]
        for o in json.loads(FIXTURE.read_text(encoding="utf-8"))
        if o["model"] == "indicators.indikator"
    ]
    assert len(nama) == 71
    assert [n for n in nama if normal(n) not in seed] == []


def test_every_sasaran_name_appears_in_the_seed_except_those_split_by_a_page_break():
    seed = teks_seed()
    sasaran = {
        o["fields"]["kode"]: o["fields"]["nama"]
        for o in json.loads(FIXTURE.read_text(encoding="utf-8"))
        if o["model"] == "indicators.sasaran"
    }
    assert len(sasaran) == 44
    assert set(sasaran) >= SASARAN_TERPOTONG
    hilang = {k for k, n in sasaran.items() if normal(n) not in seed}
    assert hilang == SASARAN_TERPOTONG


def test_loading_it_twice_adds_nothing(lampiran):
    sebelum = jumlah()
    pks = list(Indikator.objects.values_list("pk", "kode", "nama"))
    muat()
    assert jumlah() == sebelum == (3, 1, 3, 9, 44, 71)
    assert list(Indikator.objects.values_list("pk", "kode", "nama")) == pks


def test_the_decrees_own_words_are_kept(lampiran):
    gabungan = "\n".join(semua_nama())
    for kata in ("juklas", "pelebagaan", "RPU", "supervise", "Terselenggaranya seleksi PNS secara"):
        assert kata in gabungan, kata


def test_no_name_keeps_an_extraction_artefact(lampiran):
    for nama in semua_nama():
        assert not re.search(r"[A-Za-z]- ", nama), nama
        assert "<" not in nama and ">" not in nama, nama
        assert "  " not in nama and nama == nama.strip(), nama
        assert "penyelenggara an" not in nama, nama


def test_indikator_carry_the_default_unit_and_measurement_settings(lampiran):
    for ind in Indikator.objects.all():
        assert ind.satuan == satuan_dari_nama(ind.nama), ind.kode
        assert ind.polaritas == Indikator.Polaritas.POSITIF
        assert ind.rumus_negatif == Indikator.Rumus.DUA_T_KURANG_R
        assert ind.definisi == "" and ind.sumber_data == ""
        assert ind.penanggung_jawab is None
        assert ind.baseline is None and ind.target_akhir is None
