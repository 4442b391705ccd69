"""An indicator's periodicity and yearly rule: edited in the admin, refused
while a year is closed or values of the other kind exist, shown on its pages,
and targets per period in the target grid."""

from datetime import date

import pytest
from django.forms.models import model_to_dict, modelform_factory
from django.urls import reverse

from indicators import jadwal
from indicators import periode as pr
from indicators.admin import IndikatorAdminForm
from indicators.models import Indikator, NilaiIndikator, StatusTahun, TahunKinerja

pytestmark = pytest.mark.django_db


@pytest.fixture
def ind(lampiran) -> Indikator:
    i = Indikator.objects.dari_penetapan(lampiran).get(kode="1.1.1.1")
    i.satuan = "Laporan"
    i.save()
    return i


def _form(ind, **ubah):
    data = {k: v for k, v in model_to_dict(ind).items() if v is not None}
    data.update(ubah)
    return modelform_factory(Indikator, form=IndikatorAdminForm, exclude=[])(data, instance=ind)


def _admin(client, superuser, ind, **ubah):
    """Post the indicator's admin change form with the given fields changed."""
    client.force_login(superuser)
    url = reverse("admin:indicators_indikator_change", args=[ind.pk])
    data = {k: v for k, v in model_to_dict(ind).items() if v is not None}
    data.update(ubah)
    data.update({"nilai-TOTAL_FORMS": "0", "nilai-INITIAL_FORMS": "0"})
    return client.post(url, data)


@pytest.fixture
def superuser(buat_pengguna, mesuji):
    return buat_pengguna("super", None, mesuji, is_staff=True, is_superuser=True)


def test_an_indicator_without_values_becomes_quarterly(ind):
    assert _form(ind, periode_ukur=pr.TRIWULANAN, aturan_tahunan=pr.KUMULATIF).is_valid()


def test_periodicity_is_refused_while_a_year_is_approved(ind, mesuji):
    TahunKinerja.objects.create(satker=mesuji, tahun=2022, status=StatusTahun.DISETUJUI)
    form = _form(ind, periode_ukur=pr.TRIWULANAN)
    assert not form.is_valid()
    assert "tahun 2022 sudah diajukan kepada atau disetujui Ketua" in form.errors["periode_ukur"][0]


def test_periodicity_is_refused_while_yearly_realisations_exist(ind):
    NilaiIndikator.objects.create(indikator=ind, tahun=2021, target=5, realisasi=4)
    form = _form(ind, periode_ukur=pr.SEMESTERAN)
    assert not form.is_valid()
    assert "sudah ada realisasi tahunan untuk tahun 2021" in form.errors["periode_ukur"][0]


def test_back_to_yearly_is_refused_while_period_values_exist(ind):
    ind.periode_ukur = pr.TRIWULANAN
    ind.save()
    NilaiIndikator.objects.create(indikator=ind, tahun=2023, triwulan=2, target=3)
    form = _form(ind, periode_ukur=pr.TAHUNAN)
    assert not form.is_valid()
    assert "sudah ada nilai per triwulan untuk tahun 2023" in form.errors["periode_ukur"][0]


def test_a_yearly_target_does_not_stop_an_indicator_becoming_quarterly(ind):
    NilaiIndikator.objects.create(indikator=ind, tahun=2021, target=5)
    assert _form(ind, periode_ukur=pr.TRIWULANAN).is_valid()


def test_changing_the_rule_in_the_admin_derives_the_years_again(client, superuser, ind):
    ind.periode_ukur, ind.aturan_tahunan = pr.TRIWULANAN, pr.KUMULATIF
    ind.save()
    for tw, r in ((1, 4), (2, 6)):
        NilaiIndikator.objects.create(indikator=ind, tahun=2023, triwulan=tw, target=5, realisasi=r)
    NilaiIndikator.objects.turunkan_tahunan([ind], 2023, None)
    assert NilaiIndikator.objects.get(indikator=ind, tahun=2023, triwulan=0).realisasi == 10

    r = _admin(client, superuser, ind, aturan_tahunan=pr.NILAI_AKHIR)
    assert r.status_code == 302, r.content.decode()[:2000]
    tahunan = NilaiIndikator.objects.get(indikator=ind, tahun=2023, triwulan=0)
    assert tahunan.realisasi == 6 and tahunan.target_sd == 5


def test_the_admin_shows_the_refusal_next_to_the_field(client, superuser, ind, mesuji):
    TahunKinerja.objects.create(satker=mesuji, tahun=2024, status=StatusTahun.DIAJUKAN)
    r = _admin(client, superuser, ind, periode_ukur=pr.TRIWULANAN)
    assert r.status_code == 200
    assert "tidak dapat diubah" in r.content.decode()
    assert Indikator.objects.get(pk=ind.pk).periode_ukur == pr.TAHUNAN


def test_the_indicator_page_names_its_periodicity_and_rule(masuk, operator, ind):
    ind.periode_ukur, ind.aturan_tahunan = pr.SEMESTERAN, pr.RATA_RATA
    ind.save()
    html = masuk(operator).get(reverse("indikator_detail", args=[ind.pk])).content.decode()
    assert "Semesteran" in html and "Rata-rata periode" in html


def test_the_entry_page_of_a_derived_year_lists_its_periods(masuk, operator, ind, monkeypatch):
    monkeypatch.setattr(jadwal, "hari_ini", lambda: date(2023, 7, 1))
    ind.periode_ukur, ind.aturan_tahunan = pr.TRIWULANAN, pr.KUMULATIF
    ind.save()
    NilaiIndikator.objects.create(indikator=ind, tahun=2023, triwulan=1, target=5, realisasi=4)
    NilaiIndikator.objects.turunkan_tahunan([ind], 2023, None)
    tahunan = NilaiIndikator.objects.get(indikator=ind, tahun=2023, triwulan=0)
    html = masuk(operator).get(reverse("nilai_detail", args=[tahunan.pk])).content.decode()
    assert "Triwulanan 2023" in html and "Triwulan IV" in html
    assert "Capaian s.d. Triwulan I" in html and "80,00%" in html


# --- Targets per period -------------------------------------------------------------


@pytest.fixture
def triwulanan(ind):
    ind.periode_ukur, ind.aturan_tahunan = pr.TRIWULANAN, pr.KUMULATIF
    ind.save()
    return ind


def _target(client, tahun=2023):
    return client.get(reverse("target") + f"?tahun={tahun}")


def _kirim_target(client, ind, isian, tahun=2023):
    """Post the target grid as rendered, with `isian` {field name: text} changed."""
    r = _target(client, tahun)
    data = {}
    for program in r.context["hierarki"]:
        for k in program["kegiatan"]:
            for s in k["sasaran"]:
                for i in s["indikator"]:
                    b = i.baris
                    for sel in b.sel:
                        n = f"t{i.pk}-{sel.tahun}"
                        data[n], data[n + "-versi"] = (
                            sel.teks,
                            "" if sel.versi is None else sel.versi,
                        )
                        data[n + "-asal"] = sel.asal
                    for sel in b.periode:
                        n = f"p{i.pk}-{sel.tahun}-{sel.triwulan}"
                        data[n], data[n + "-versi"] = (
                            sel.teks,
                            "" if sel.versi is None else sel.versi,
                        )
                        data[n + "-asal"] = sel.asal
    data.update(isian)
    return client.post(reverse("target") + f"?tahun={tahun}", data)


def test_period_targets_derive_the_yearly_target_unless_it_is_typed(masuk, sekretaris, triwulanan):
    client = masuk(sekretaris)
    p = f"p{triwulanan.pk}-2023-"
    r = _kirim_target(client, triwulanan, {p + "1": "5", p + "2": "5", p + "3": "5", p + "4": "5"})
    assert r.status_code == 302
    tahunan = NilaiIndikator.objects.get(indikator=triwulanan, tahun=2023, triwulan=0)
    assert tahunan.target == 20 and not tahunan.target_diketik

    _kirim_target(client, triwulanan, {f"t{triwulanan.pk}-2023": "25"})
    tahunan.refresh_from_db()
    assert tahunan.target == 25 and tahunan.target_diketik
    _kirim_target(client, triwulanan, {p + "4": "7"})
    tahunan.refresh_from_db()
    assert tahunan.target == 25  # typed: stays

    _kirim_target(client, triwulanan, {f"t{triwulanan.pk}-2023": ""})
    tahunan.refresh_from_db()
    assert tahunan.target == 22 and not tahunan.target_diketik


def test_a_derived_yearly_target_below_the_parents_is_refused(
    masuk, sekretaris, triwulanan, lampiran, satker_lain
):
    from indicators.demo import salin_iku

    induk_iku = salin_iku(lampiran, satker_lain)
    induk = Indikator.objects.dari_penetapan(induk_iku).get(kode="1.1.1.1")
    NilaiIndikator.objects.create(indikator=induk, tahun=2023, target=30)
    triwulanan.induk = induk
    triwulanan.save()
    p = f"p{triwulanan.pk}-2023-"
    r = _kirim_target(masuk(sekretaris), triwulanan, {p + "1": "5", p + "2": "5"})
    assert r.status_code == 400
    assert "tidak boleh di bawah target" in r.content.decode()
    assert not NilaiIndikator.objects.filter(indikator=triwulanan, triwulan__gt=0).exists()


def test_the_target_grid_shows_period_targets_only_for_period_indicators(
    masuk, sekretaris, triwulanan
):
    r = _target(masuk(sekretaris))
    html = r.content.decode()
    assert f'name="p{triwulanan.pk}-2023-4"' in html
    assert html.count('class="baris-periode"') == 1
