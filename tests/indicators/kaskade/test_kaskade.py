"""The 2025–2029 cascade: KPU RI's IKU adopted by KPU Provinsi Lampung and by
KPU Kabupaten Mesuji, the parent's revisions accepted by the child, the parent's
targets as the floor of the child's (target grid and Lampiran import), and a new
period started from the satker's own old IKU."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.kaskade import services
from indicators.kaskade.services import KaskadeDitolak
from indicators.lampiran import import_lampiran
from indicators.lampiran.ekspor import export_lampiran
from indicators.models import Indikator, NilaiIndikator, PenetapanIKU, Satker, TargetDiBawahInduk

pytestmark = pytest.mark.django_db


@pytest.fixture
def iku_ri(lampiran) -> PenetapanIKU:
    """KPU RI's 2025–2029 IKU, built (for the tests) from Mesuji's tree."""
    ri = Satker.objects.get(kode="00")
    return services.salin_pohon([(lampiran, ri)], oleh=None, tautkan=False, periode=(2025, 2029))[0]


@pytest.fixture
def iku_lampung(iku_ri) -> PenetapanIKU:
    return services.iku_adopsi(induk=iku_ri, satker=Satker.objects.get(kode="18"), oleh=None)


@pytest.fixture
def iku_mesuji(iku_lampung, admin_user) -> PenetapanIKU:
    return services.iku_adopsi(
        induk=iku_lampung, satker=iku_lampung.satker.anak.get(kode="1811"), oleh=admin_user
    )


@pytest.fixture
def hari_ini(monkeypatch):
    """Fix "today" for the pages' default period (dates passed in are left alone)."""
    from django.utils import timezone

    asli = timezone.localdate

    def tetapkan(hari: date) -> None:
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, timezone=None: hari if value is None else asli(value, timezone),
        )

    return tetapkan


def _ind(penetapan, kode="1.1.1.1") -> Indikator:
    return Indikator.objects.dari_penetapan(penetapan).get(kode=kode)


# --- Adoption ---------------------------------------------------------------------


def test_adoption_copies_the_whole_tree_with_every_indicator_linked(iku_ri, iku_lampung):
    assert (iku_lampung.periode, iku_lampung.induk_id) == ("2025–2029", iku_ri.pk)
    anak = list(
        Indikator.objects.dari_penetapan(iku_lampung).select_related("induk", "sasaran__induk")
    )
    assert len(anak) == 71
    for ind in anak:
        assert ind.induk.penetapan == iku_ri
        assert (ind.kode, ind.nama, ind.satuan) == (
            ind.induk.kode,
            ind.induk.nama,
            ind.induk.satuan,
        )
        assert ind.sasaran.induk_id == ind.induk.sasaran_id
        assert ind.sidik_induk == ind.induk.sidik_isi()
    assert iku_lampung.program.filter(induk__penetapan=iku_ri).count() == 3


def test_adoption_writes_a_history_row_by_the_user_for_each_indicator(iku_mesuji, admin_user):
    ind = _ind(iku_mesuji)
    riwayat = ind.history.get()
    assert (riwayat.history_type, riwayat.history_user) == ("+", admin_user)


def test_adoption_is_refused_for_a_satker_that_is_not_a_child(iku_ri):
    mesuji = Satker.objects.get(kode="1811")
    with pytest.raises(KaskadeDitolak, match="bukan satker di bawah"):
        services.iku_adopsi(induk=iku_ri, satker=mesuji, oleh=None)
    assert not PenetapanIKU.objects.filter(satker=mesuji, tahun_awal=2025).exists()


def test_adoption_is_refused_twice(iku_ri, iku_lampung):
    with pytest.raises(KaskadeDitolak, match="sudah mempunyai IKU periode 2025–2029"):
        services.iku_adopsi(induk=iku_ri, satker=iku_lampung.satker, oleh=None)


def test_bulk_adoption_reaches_every_descendant_from_its_own_parent(iku_ri):
    lampung = Satker.objects.get(kode="18")
    Satker.objects.create(kode="1812", nama="KPU Kabupaten Dua", tingkat="kabkota", induk=lampung)
    hasil = services.iku_adopsi_massal(induk=iku_ri, oleh=None, semua_turunan=True)
    assert hasil.jumlah == 3
    per_kode = {p.satker.kode: p for p in PenetapanIKU.objects.filter(tahun_awal=2025)}
    assert per_kode["18"].induk == iku_ri
    assert per_kode["1811"].induk == per_kode["18"]
    assert per_kode["1812"].induk == per_kode["18"]
    ind = _ind(per_kode["1811"])
    assert ind.induk.penetapan == per_kode["18"]
    # Again: nothing new, the three are skipped.
    again = services.iku_adopsi_massal(induk=iku_ri, oleh=None, semua_turunan=True)
    assert again.jumlah == 0 and len(again.dilewati) == 3


def test_the_children_only_bulk_adoption_stops_at_the_children(iku_ri):
    hasil = services.iku_adopsi_massal(induk=iku_ri, oleh=None)
    assert [p.satker.kode for p in hasil.penetapan] == ["18"]
    assert not PenetapanIKU.objects.filter(satker__kode="1811", tahun_awal=2025).exists()


# --- Revisions ----------------------------------------------------------------------


def test_the_child_sees_and_accepts_a_renamed_indicator(iku_lampung, iku_mesuji, admin_user):
    induk = _ind(iku_lampung)
    nama_lama = induk.nama
    induk.nama = "Persentase pejabat perbendaharaan yang kompeten"
    induk.save()
    revisi = services.revisi_induk(iku_mesuji)
    assert [(r.jenis, r.kode) for r in revisi] == [("diubah", "1.1.1.1")]
    assert revisi[0].perubahan == [("nama", nama_lama, induk.nama)]
    assert _ind(iku_mesuji).nama == nama_lama  # its own copy until accepted

    assert (
        services.iku_terima_revisi(penetapan=iku_mesuji, kunci=[revisi[0].kunci], oleh=admin_user)
        == 1
    )
    anak = _ind(iku_mesuji)
    assert anak.nama == induk.nama
    assert anak.history.first().history_user == admin_user
    assert services.revisi_induk(iku_mesuji) == []


def test_a_new_and_a_retired_indicator_of_the_parent_are_accepted_together(
    iku_lampung, iku_mesuji, admin_user
):
    contoh = _ind(iku_lampung)
    baru = Indikator.objects.create(
        sasaran=contoh.sasaran, urutan=99, kode="1.1.1.9", nama="Jumlah kajian"
    )
    henti = (
        Indikator.objects.dari_penetapan(iku_lampung).exclude(pk__in=[contoh.pk, baru.pk]).first()
    )
    services.indikator_hentikan(indikator=henti, oleh=admin_user, tanggal=date(2026, 3, 1))
    revisi = {r.jenis: r for r in services.revisi_induk(iku_mesuji)}
    assert set(revisi) == {"baru", "dihentikan"}
    assert revisi["baru"].induk == baru

    assert services.iku_terima_revisi(penetapan=iku_mesuji, kunci=None, oleh=admin_user) == 2
    salinan = _ind(iku_mesuji, "1.1.1.9")
    assert salinan.induk == baru and salinan.sasaran.induk == contoh.sasaran
    berhenti = _ind(iku_mesuji, henti.kode)
    assert (berhenti.aktif, berhenti.dihentikan_pada) == (False, date(2026, 3, 1))
    assert services.revisi_induk(iku_mesuji) == []


# --- Targets: never below the parent's ------------------------------------------------


def _target(ind, tahun, nilai):
    return NilaiIndikator.objects.create(indikator=ind, tahun=tahun, target=Decimal(nilai))


def test_the_rule_reads_the_parents_targets_in_one_query(
    iku_lampung, iku_mesuji, django_assert_num_queries
):
    _target(_ind(iku_lampung), 2026, 90)
    anak = _ind(iku_mesuji)
    with django_assert_num_queries(1):
        salah = Indikator.objects.pelanggaran_target_induk(
            {(anak.pk, 2026): Decimal(85), (anak.pk, 2027): Decimal(1)}
        )
    assert list(salah) == [(anak.pk, 2026)]
    assert salah[(anak.pk, 2026)].pesan(Decimal(85)) == (
        "Target 2026 untuk 1.1.1.1 (85) tidak boleh di bawah target "
        "Komisi Pemilihan Umum Provinsi Lampung (90)."
    )
    assert not Indikator.objects.pelanggaran_target_induk({(anak.pk, 2026): Decimal(90)})


def test_a_negative_indicator_may_not_be_above_the_parents_target(iku_lampung, iku_mesuji):
    induk = _ind(iku_lampung)
    Indikator.objects.filter(pk=induk.pk).update(polaritas="negatif")
    _target(induk, 2026, 5)
    anak = _ind(iku_mesuji)
    assert Indikator.objects.pelanggaran_target_induk({(anak.pk, 2026): Decimal(6)})
    assert not Indikator.objects.pelanggaran_target_induk({(anak.pk, 2026): Decimal(4)})


def _data_target(client):
    r = client.get(reverse("target"))
    data = {}
    for p in r.context["hierarki"]:
        for k in p["kegiatan"]:
            for s in k["sasaran"]:
                for i in s["indikator"]:
                    for sel in i.baris.sel:
                        n = f"t{i.pk}-{sel.tahun}"
                        data[n], data[n + "-asal"] = sel.teks, sel.asal
                        data[n + "-versi"] = "" if sel.versi is None else str(sel.versi)
    return data


def test_the_target_grid_refuses_a_target_below_the_parents(
    iku_lampung, iku_mesuji, admin_user, masuk, hari_ini
):
    hari_ini(date(2026, 5, 1))
    _target(_ind(iku_lampung), 2026, 90)
    anak = _ind(iku_mesuji)
    client = masuk(admin_user)
    data = _data_target(client)
    data[f"t{anak.pk}-2026"] = "85"
    r = client.post(reverse("target"), data)
    assert r.status_code == 400
    assert (
        "Target 2026 untuk 1.1.1.1 (85) tidak boleh di bawah target Komisi Pemilihan Umum "
        "Provinsi Lampung (90)." in r.content.decode()
    )
    assert not NilaiIndikator.objects.filter(indikator=anak).exists()
    data[f"t{anak.pk}-2026"] = "92,5"
    assert client.post(reverse("target"), data).status_code == 302
    assert NilaiIndikator.objects.get(indikator=anak, tahun=2026).target == Decimal("92.5")


def test_the_target_service_raises_for_the_rule(iku_lampung, iku_mesuji, admin_user):
    from indicators.target.services import baris_target, nilai_simpan_target

    _target(_ind(iku_lampung), 2027, 10)
    anak = (
        Indikator.objects.dari_penetapan(iku_mesuji).filter(kode="1.1.1.1").dengan_nilai(2027).get()
    )
    b = baris_target(
        anak,
        [2027],
        set(),
        {f"t{anak.pk}-2027": "9", f"t{anak.pk}-2027-asal": "", f"t{anak.pk}-2027-versi": ""},
    )
    with pytest.raises(TargetDiBawahInduk, match=r"Target 2027 untuk 1\.1\.1\.1"):
        nilai_simpan_target(
            satker=iku_mesuji.satker, pengguna=admin_user, daftar_tahun=[2027], baris=[b]
        )


def test_the_lampiran_import_lists_a_target_below_the_parents_with_its_cell(
    iku_lampung, iku_mesuji, admin_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _target(_ind(iku_lampung), 2026, 90)
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(export_lampiran(iku_mesuji, "datar")))
    ws = wb.active
    kolom = [c.value for c in ws[1]].index("Target 2026") + 1
    baris = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 7).value == "1.1.1.1")
    ws.cell(baris, kolom).value = 80
    berkas = BytesIO()
    wb.save(berkas)
    hasil = import_lampiran(
        data=berkas.getvalue(),
        nama_berkas="lampiran.xlsx",
        satker=iku_mesuji.satker,
        tahun_awal=2025,
        tahun_akhir=2029,
        pengguna=admin_user,
    )
    assert not hasil.berhasil
    m = hasil.masalah[0]
    assert (m.sheet, m.baris, m.kolom) == (ws.title, baris, ws.cell(1, kolom).column_letter)
    assert "tidak boleh di bawah target Komisi Pemilihan Umum Provinsi Lampung (90)" in m.pesan
    assert not NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=iku_mesuji
    ).exists()


# --- A new period from an old one -----------------------------------------------------


def test_a_satker_copies_its_old_iku_into_the_new_period(lampiran, admin_user):
    baru = services.iku_salin_periode(
        sumber=lampiran, tahun_awal=2025, tahun_akhir=2029, oleh=admin_user
    )
    assert (baru.periode, baru.induk_id, baru.satker) == ("2025–2029", None, lampiran.satker)
    kode = set(Indikator.objects.dari_penetapan(baru).values_list("kode", flat=True))
    assert kode == set(Indikator.objects.dari_penetapan(lampiran).values_list("kode", flat=True))
    assert not Indikator.objects.dari_penetapan(baru).filter(induk__isnull=False).exists()
    with pytest.raises(KaskadeDitolak):
        services.iku_salin_periode(
            sumber=lampiran, tahun_awal=2025, tahun_akhir=2029, oleh=admin_user
        )


# --- The screen and the default period ---------------------------------------------------


def test_the_admin_previews_then_adopts_from_the_parent(iku_lampung, admin_user, masuk):
    client = masuk(admin_user)
    r = client.get(reverse("kaskade"))
    teks = r.content.decode()
    assert "Adopsi IKU dari Komisi Pemilihan Umum Provinsi Lampung" in teks
    r = client.get(reverse("kaskade") + "?pratinjau=adopsi")
    assert "Indikator: 71" in r.content.decode()
    assert not PenetapanIKU.objects.filter(satker=admin_user.satker, tahun_awal=2025).exists()
    r = client.post(reverse("kaskade_adopsi"))
    assert r.status_code == 302
    baru = PenetapanIKU.objects.get(satker=admin_user.satker, tahun_awal=2025)
    assert baru.induk == iku_lampung
    assert (
        "Diadopsi dari IKU Komisi Pemilihan Umum Provinsi Lampung"
        in client.get(reverse("kaskade")).content.decode()
    )


def test_a_province_admin_adopts_for_its_own_children_only(
    iku_lampung, buat_pengguna, masuk, satker_lain
):
    admin_lampung = buat_pengguna("admin-lampung", "Admin", iku_lampung.satker)
    client = masuk(admin_lampung)
    assert "Indikator: 71" in client.get(reverse("kaskade") + "?pratinjau=anak").content.decode()
    assert client.post(reverse("kaskade_adopsi_anak")).status_code == 302
    assert set(
        PenetapanIKU.objects.filter(tahun_awal=2025).values_list("satker__kode", flat=True)
    ) == {"00", "18", "1811"}


def test_the_child_accepts_a_revision_on_the_screen(iku_lampung, iku_mesuji, admin_user, masuk):
    induk = _ind(iku_lampung)
    induk.satuan = "Dokumen"
    induk.save()
    client = masuk(admin_user)
    teks = client.get(reverse("kaskade")).content.decode()
    assert "Diubah" in teks and "Dokumen" in teks
    kunci = services.revisi_induk(iku_mesuji)[0].kunci
    assert client.post(reverse("kaskade_terima_revisi"), {"kunci": kunci}).status_code == 302
    assert _ind(iku_mesuji).satuan == "Dokumen"


def test_pages_open_on_the_decree_whose_period_contains_today(
    iku_mesuji, lampiran, hari_ini, admin_user, masuk
):
    mesuji = lampiran.satker
    assert PenetapanIKU.objects.bawaan(mesuji, date(2026, 5, 1)) == iku_mesuji
    assert PenetapanIKU.objects.bawaan(mesuji, date(2023, 5, 1)) == lampiran
    assert PenetapanIKU.objects.bawaan(mesuji, date(2031, 1, 1)) == iku_mesuji  # the newest
    hari_ini(date(2023, 5, 1))
    client = masuk(admin_user)
    assert client.get(reverse("target")).context["penetapan"] == lampiran


def test_the_command_adopts_down_to_every_kabupaten(iku_ri):
    from io import StringIO

    from django.core.management import call_command

    keluar = StringIO()
    call_command(
        "adopsi_iku",
        "--induk-satker",
        "00",
        "--periode",
        "2025-2029",
        "--turun-semua",
        stdout=keluar,
    )
    assert "diadopsi oleh 2 satker" in keluar.getvalue()
    assert PenetapanIKU.objects.get(satker__kode="1811", tahun_awal=2025).induk.satker.kode == "18"
