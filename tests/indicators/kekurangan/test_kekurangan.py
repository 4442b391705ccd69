"""What still has to be filled per unit kerja, its count in the menu, the
Admin's deadlines, the Ketua's block and the deadline reminders."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from indicators import jadwal
from indicators import periode as pr
from indicators.kekurangan.selectors import butir_kekurangan, jumlah_untuk
from indicators.models import (
    Indikator,
    JadwalPengisian,
    NilaiIndikator,
    PengingatTerkirim,
    UnitKerja,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hari(monkeypatch):
    hari_ini = [date(2024, 7, 5)]
    monkeypatch.setattr(jadwal, "hari_ini", lambda: hari_ini[0])
    return hari_ini


@pytest.fixture
def unit(mesuji):
    return {
        "umum": UnitKerja.objects.create(satker=mesuji, nama="Subbagian Umum"),
        "teknis": UnitKerja.objects.create(satker=mesuji, nama="Subbagian Teknis"),
    }


@pytest.fixture
def berperiode(lampiran, unit):
    """Two quarterly indicators (one per unit) and one by semester with no unit."""
    daftar = list(Indikator.objects.dari_penetapan(lampiran).order_by("pk")[:3])
    daftar[0].periode_ukur, daftar[0].penanggung_jawab = pr.TRIWULANAN, unit["umum"]
    daftar[1].periode_ukur, daftar[1].penanggung_jawab = pr.TRIWULANAN, unit["teknis"]
    daftar[2].periode_ukur, daftar[2].penanggung_jawab = pr.SEMESTERAN, None
    for i in daftar:
        i.save()
    return daftar


def _kode(butir):
    return sorted((b.indikator.pk, b.tahun, b.triwulan) for b in butir)


def test_only_periods_that_have_opened_and_are_empty_are_missing(berperiode, hari, mesuji):
    a, b, s = berperiode
    NilaiIndikator.objects.create(indikator=a, tahun=2024, triwulan=1, realisasi=4)
    assert _kode(butir_kekurangan(mesuji)) == [
        (a.pk, 2024, 2),
        (b.pk, 2024, 1),
        (b.pk, 2024, 2),
        (s.pk, 2024, 2),
    ]
    hari[0] = date(2024, 6, 29)  # TW II not yet open
    assert _kode(butir_kekurangan(mesuji)) == [(b.pk, 2024, 1)]


def test_the_page_lists_the_missing_entries_per_unit_with_deadline_and_days_left(
    masuk, sekretaris, berperiode, hari
):
    html = masuk(sekretaris).get(reverse("kekurangan")).content.decode()
    assert html.index("Subbagian Teknis") < html.index("Subbagian Umum")
    assert html.index("Subbagian Umum") < html.index("Tanpa penanggung jawab")
    assert "10 Juli 2024" in html and "sisa 5 hari" in html
    assert "lewat batas 86 hari" in html  # TW I, deadline 10 April
    assert "Semester I 2024" in html


def test_an_operator_of_a_unit_sees_and_counts_only_that_units_entries(
    masuk, buat_pengguna, mesuji, unit, berperiode, hari
):
    op = buat_pengguna("op-umum", "Operator", mesuji, unit_kerja=unit["umum"])
    # Its quarterly indicator's TW I and TW II, and the semester indicator no unit
    # is in charge of (any Operator of the satker fills it).
    assert jumlah_untuk(op) == 3
    html = masuk(op).get(reverse("kekurangan")).content.decode()
    assert "Subbagian Teknis" not in html
    assert 'class="lencana-jumlah"' in html and ">3</span>" in html


def test_the_menu_shows_no_count_when_nothing_is_missing(masuk, operator, lampiran, hari):
    html = masuk(operator).get(reverse("kekurangan")).content.decode()
    assert "Belum diisi" in html and "lencana-jumlah" not in html


def test_the_admin_sets_a_deadline_and_the_default_comes_back_when_emptied(
    masuk, admin_user, mesuji, lampiran, hari
):
    client = masuk(admin_user)
    url = reverse("jadwal_ubah", args=[2024])
    r = client.post(url, {"batas-1": "2024-04-20", "batas-2": "", "batas-3": "", "batas-4": ""})
    assert r.status_code == 302
    assert JadwalPengisian.objects.batas(mesuji, 2024)[1] == date(2024, 4, 20)
    client.post(url, {"batas-1": ""})
    assert not JadwalPengisian.objects.filter(satker=mesuji).exists()


def test_a_deadline_before_its_period_opens_is_refused(masuk, admin_user, mesuji, lampiran, hari):
    r = masuk(admin_user).post(
        reverse("jadwal_ubah", args=[2024]), {"batas-2": "2024-05-01"}, follow=True
    )
    assert "sebelum periode dibuka (30 Juni 2024)" in r.content.decode()
    assert not JadwalPengisian.objects.exists()


def test_another_satkers_admin_sets_only_its_own_deadlines(
    masuk, buat_pengguna, satker_lain, mesuji, lampiran, hari
):
    admin_lain = buat_pengguna("admin-lain", "Admin", satker_lain)
    r = masuk(admin_lain).post(reverse("jadwal_ubah", args=[2024]), {"batas-1": "2024-04-20"})
    assert r.status_code == 404
    assert not JadwalPengisian.objects.filter(satker=mesuji).exists()


def test_the_ketuas_dashboard_shows_whats_missing_per_quarter(masuk, ketua, berperiode, hari):
    html = masuk(ketua).get(reverse("dasbor") + "?tahun=2024").content.decode()
    assert "Belum diisi per triwulan" in html
    assert "TW I 2024" in html and "TW II 2024" in html


def test_the_operators_dashboard_has_no_quarter_block(masuk, operator, berperiode, hari):
    html = masuk(operator).get(reverse("dasbor") + "?tahun=2024").content.decode()
    assert "Belum diisi per triwulan" not in html


def test_reminders_go_once_to_the_units_operators_n_days_before_the_deadline(
    buat_pengguna, mesuji, unit, berperiode, hari, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    umum = buat_pengguna("op-umum", "Operator", mesuji, unit_kerja=unit["umum"], email="u@x.id")
    teknis = buat_pengguna("op-tek", "Operator", mesuji, unit_kerja=unit["teknis"], email="t@x.id")
    buat_pengguna("sek", "Sekretaris", mesuji, email="s@x.id")

    hari[0] = date(2024, 7, 6)  # four days before 10 July: too early
    call_command("ingatkan_batas", "--hari", "3")
    assert mail.outbox == []

    hari[0] = date(2024, 7, 7)
    call_command("ingatkan_batas", "--hari", "3")
    penerima = sorted(tuple(m.to) for m in mail.outbox)
    assert penerima == [("t@x.id",), ("u@x.id",)]
    isi = {m.to[0]: m.body for m in mail.outbox}
    a, b, s = berperiode
    assert a.kode in isi["u@x.id"] and b.kode not in isi["u@x.id"]
    # The semester indicator has no unit: every Operator of the satker hears of it.
    assert s.kode in isi["u@x.id"] and s.kode in isi["t@x.id"]
    assert "10 Juli 2024" in mail.outbox[0].subject
    assert PengingatTerkirim.objects.filter(pengguna__in=[umum, teknis], triwulan=2).count() == 2

    call_command("ingatkan_batas", "--hari", "3")
    assert len(mail.outbox) == 2  # sent once


def test_no_reminder_for_entries_already_filled(
    buat_pengguna, mesuji, unit, berperiode, hari, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    buat_pengguna("op-umum", "Operator", mesuji, unit_kerja=unit["umum"], email="u@x.id")
    a, _, s = berperiode
    NilaiIndikator.objects.create(indikator=a, tahun=2024, triwulan=2, realisasi=1)
    NilaiIndikator.objects.create(indikator=s, tahun=2024, triwulan=2, realisasi=1)
    hari[0] = date(2024, 7, 8)
    call_command("ingatkan_batas", "--hari", "3")
    assert mail.outbox == []


def test_an_indicator_made_periodic_counts_at_once_after_none_was_remembered(
    lampiran, hari, mesuji
):
    assert butir_kekurangan(mesuji) == []  # "nothing per period" now cached (PostgreSQL)
    assert butir_kekurangan(mesuji) == []
    ind = Indikator.objects.dari_penetapan(lampiran).order_by("pk").first()
    ind.periode_ukur = pr.TRIWULANAN
    ind.save()
    assert _kode(butir_kekurangan(mesuji)) == [(ind.pk, 2024, 1), (ind.pk, 2024, 2)]
    ind.aktif = False
    ind.save()
    assert butir_kekurangan(mesuji) == []
