"""The Rencana Aksi screen: actions under an indicator-year with quarterly
milestones, changed by the Operator, Sekretaris or Admin under the year's lock
and version checks, with their history; one quarter's progress of every action."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import (
    Indikator,
    KemajuanRencanaAksi,
    RencanaAksi,
    StatusTahun,
    TahunKinerja,
    UnitKerja,
)


@pytest.fixture
def indikator(lampiran):
    return Indikator.objects.dari_penetapan(lampiran).order_by("kode").first()


@pytest.fixture
def unit(mesuji):
    return UnitKerja.objects.create(satker=mesuji, nama="Subbagian Perencanaan, Data dan Informasi")


def _url(indikator, tahun=2023):
    return reverse("rencana_aksi_indikator", args=[tahun, indikator.pk])


def _isian(unit, **lain):
    data = {
        "uraian": "Menyusun jadwal monitoring",
        "penanggung_jawab": str(unit.pk),
        "anggaran": "15.000.000",
        "target-1": "Jadwal ditetapkan",
        "target-3": "Monitoring 50%",
    }
    data.update(lain)
    return data


def test_an_operator_adds_an_action_with_its_quarterly_milestones(masuk, operator, indikator, unit):
    r = masuk(operator).post(_url(indikator), _isian(unit))
    assert r.status_code == 302
    aksi = RencanaAksi.objects.get(indikator=indikator, tahun=2023)
    assert (aksi.uraian, aksi.penanggung_jawab, aksi.anggaran) == (
        "Menyusun jadwal monitoring",
        unit,
        Decimal("15000000"),
    )
    assert dict(aksi.kemajuan.values_list("triwulan", "target")) == {
        1: "Jadwal ditetapkan",
        3: "Monitoring 50%",
    }
    halaman = masuk(operator).get(_url(indikator)).content.decode()
    assert "Rp15.000.000" in halaman and "Monitoring 50%" in halaman
    assert "Rencana aksi ditambahkan" in halaman
    assert aksi.history.first().history_user == operator


def test_a_wrong_budget_or_an_action_without_any_milestone_is_refused_naming_the_field(
    masuk, operator, indikator, unit
):
    r = masuk(operator).post(_url(indikator), _isian(unit, anggaran="lima juta"))
    assert r.status_code == 400
    assert "Kolom Anggaran (“lima juta”)" in r.content.decode()
    r = masuk(operator).post(_url(indikator), _isian(unit, **{"target-1": "", "target-3": ""}))
    assert r.status_code == 400
    assert "paling sedikit untuk satu triwulan" in r.content.decode()
    assert not RencanaAksi.objects.exists()


def test_a_change_from_a_stale_form_is_refused_naming_who_changed_it(
    masuk, operator, sekretaris, indikator, unit
):
    masuk(operator).post(_url(indikator), _isian(unit))
    aksi = RencanaAksi.objects.get()
    masuk(sekretaris).post(
        _url(indikator), _isian(unit, rencana=aksi.pk, versi=aksi.versi, uraian="Versi Sekretaris")
    )
    r = masuk(operator).post(
        _url(indikator), _isian(unit, rencana=aksi.pk, versi=aksi.versi, uraian="Versi Operator")
    )
    assert r.status_code == 409
    assert "telah diubah orang lain" in r.content.decode()
    aksi.refresh_from_db()
    assert (aksi.uraian, aksi.versi) == ("Versi Sekretaris", 1)


def test_actions_cannot_change_in_a_year_with_the_ketua_or_approved(
    masuk, operator, indikator, unit, mesuji
):
    masuk(operator).post(_url(indikator), _isian(unit))
    aksi = RencanaAksi.objects.get()
    for status in (StatusTahun.DIAJUKAN, StatusTahun.DISETUJUI):
        TahunKinerja.objects.update_or_create(
            satker=mesuji, tahun=2023, defaults={"status": status}
        )
        r = masuk(operator).post(_url(indikator), _isian(unit, uraian="Aksi baru"))
        assert r.status_code == 409
        assert "Tahun 2023 sudah" in r.content.decode()
        masuk(operator).post(
            reverse("rencana_aksi_hapus", args=[aksi.pk]), {"konfirmasi": "1", "versi": "0"}
        )
        assert RencanaAksi.objects.count() == 1
        halaman = masuk(operator).get(_url(indikator)).content.decode()
        assert "Tambah rencana aksi" not in halaman


def test_the_ketua_reads_the_actions_but_may_not_change_them(
    masuk, operator, ketua, indikator, unit
):
    masuk(operator).post(_url(indikator), _isian(unit))
    klien = masuk(ketua)
    assert "Menyusun jadwal monitoring" in klien.get(_url(indikator)).content.decode()
    assert klien.post(_url(indikator), _isian(unit)).status_code == 403
    assert RencanaAksi.objects.count() == 1


def test_removing_an_action_asks_first_and_keeps_it_in_the_history(
    masuk, admin_user, indikator, unit
):
    klien = masuk(admin_user)
    klien.post(_url(indikator), _isian(unit))
    aksi = RencanaAksi.objects.get()
    url = reverse("rencana_aksi_hapus", args=[aksi.pk])
    tanya = klien.post(url, {"versi": aksi.versi})
    assert tanya.status_code == 200 and "Hapus rencana aksi?" in tanya.content.decode()
    assert RencanaAksi.objects.exists()
    assert klien.post(url, {"versi": aksi.versi, "konfirmasi": "1"}).status_code == 302
    assert not RencanaAksi.objects.exists() and not KemajuanRencanaAksi.objects.exists()
    halaman = klien.get(_url(indikator)).content.decode()
    assert "Rencana aksi dihapus" in halaman
    assert RencanaAksi.history.filter(id=aksi.pk, history_type="-").get().history_user == admin_user


def _grid(klien, tahun=2023, tw=3):
    return klien.get(reverse("rencana_aksi_triwulan", args=[tahun, tw]))


def _post_grid(klien, langkah, asal, tahun=2023, tw=3, **isi):
    data = {
        f"realisasi-{langkah.pk}": isi.get("realisasi", langkah.realisasi),
        f"status-{langkah.pk}": isi.get("status", langkah.status),
        f"keterangan-{langkah.pk}": isi.get("keterangan", langkah.keterangan),
        f"versi-{langkah.pk}": isi.get("versi", langkah.versi),
        f"asal-{langkah.pk}": asal,
    }
    return klien.post(reverse("rencana_aksi_triwulan", args=[tahun, tw]), data)


def _asal(halaman: str, pk: int) -> str:
    import re

    return re.search(rf'name="asal-{pk}" value="([^"]*)"', halaman).group(1)


def test_a_quarters_progress_is_entered_on_one_page_and_a_stale_row_is_a_conflict(
    masuk, operator, sekretaris, indikator, unit
):
    masuk(operator).post(_url(indikator), _isian(unit))
    langkah = KemajuanRencanaAksi.objects.get(triwulan=3)
    halaman = _grid(masuk(operator)).content.decode()
    assert "Monitoring 50%" in halaman and "Jadwal ditetapkan" not in halaman
    asal = _asal(halaman, langkah.pk)
    r = _post_grid(
        masuk(operator), langkah, asal, realisasi="Monitoring 2 kecamatan", status="proses"
    )
    assert r.status_code == 302
    langkah.refresh_from_db()
    assert (langkah.realisasi, langkah.status, langkah.versi) == (
        "Monitoring 2 kecamatan",
        "proses",
        1,
    )
    # The Sekretaris, whose page still shows the first state, changes it too.
    r = _post_grid(masuk(sekretaris), langkah, asal, status="selesai", versi=0)
    assert r.status_code == 409 and "telah diubah orang lain" in r.content.decode()
    # Saving an untouched page writes nothing, whatever changed meanwhile.
    r = _post_grid(
        masuk(sekretaris), langkah, asal, realisasi="", status="belum", keterangan="", versi=0
    )
    assert r.status_code == 302
    langkah.refresh_from_db()
    assert (langkah.status, langkah.versi) == ("proses", 1)
    assert langkah.history.count() == 2
