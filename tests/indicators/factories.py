"""Cheap test data: one satker, decree, Program → Kegiatan → Sasaran → Indikator
chain per call unless a parent is given."""

import factory

from indicators.models import (
    Indikator,
    Kegiatan,
    PenetapanIKU,
    Pengguna,
    Program,
    Sasaran,
    Satker,
)


class SatkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Satker
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"99{n:02d}")
    nama = factory.Sequence(lambda n: f"Komisi Pemilihan Umum Kabupaten Uji {n}")
    tingkat = Satker.Tingkat.KABKOTA
    kota = "Uji"


class PenetapanIKUFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PenetapanIKU

    satker = factory.SubFactory(SatkerFactory)
    nomor = factory.Sequence(lambda n: f"{n} Tahun 2025")
    tahun_awal = 2025
    tahun_akhir = 2029


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    penetapan = factory.SubFactory(PenetapanIKUFactory)
    urutan = factory.Sequence(int)
    kode = factory.Sequence(lambda n: f"{n}")
    nama = "Program Dukungan Manajemen"


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kegiatan

    program = factory.SubFactory(ProgramFactory)
    urutan = factory.Sequence(int)
    kode = factory.Sequence(lambda n: f"1.{n}")
    nama = "Kegiatan Uji"


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sasaran

    kegiatan = factory.SubFactory(KegiatanFactory)
    urutan = factory.Sequence(int)
    kode = factory.Sequence(lambda n: f"1.1.{n}")
    nama = "Sasaran Uji"


class IndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indikator

    sasaran = factory.SubFactory(SasaranFactory)
    urutan = factory.Sequence(int)
    kode = factory.Sequence(lambda n: f"1.1.1.{n}")
    nama = "Persentase laporan yang disampaikan tepat waktu"


class PenggunaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengguna

    username = factory.Sequence(lambda n: f"pengguna{n}")
    satker = factory.SubFactory(SatkerFactory)
