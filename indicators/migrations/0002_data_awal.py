"""Reference data every installation needs: the four role groups with their
permissions, the default rating scale, and the KPU satker chain down to Mesuji."""

from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.db import migrations

SEMUA = ("add", "change", "delete", "view")

MODEL_DOMAIN = [
    "satker",
    "unitkerja",
    "pengguna",
    "penetapaniku",
    "program",
    "kegiatan",
    "sasaran",
    "indikator",
    "skalakategori",
    "tahunkinerja",
    "nilaiindikator",
    "riwayatstatus",
    "buktidukung",
    "anggarankegiatan",
    "narasilaporan",
    "riwayatimpor",
]

HAK_PERAN = {
    "Admin": dict.fromkeys(MODEL_DOMAIN, SEMUA),
    "Operator": {
        **{model: ("view",) for model in MODEL_DOMAIN if model != "pengguna"},
        "nilaiindikator": ("view", "change"),
        "buktidukung": ("view", "add", "delete"),
    },
    "Sekretaris": {
        **{model: ("view",) for model in MODEL_DOMAIN if model != "pengguna"},
        "indikator": ("view", "change"),
        "nilaiindikator": ("view", "add", "change"),
        "buktidukung": ("view", "add", "delete"),
        "tahunkinerja": ("view", "add", "change"),
        "anggarankegiatan": ("view", "add", "change"),
        "narasilaporan": ("view", "add", "change"),
    },
    "Ketua": {
        **{model: ("view",) for model in MODEL_DOMAIN if model != "pengguna"},
        "tahunkinerja": ("view", "change"),
    },
}

SKALA = [
    ("Sangat Baik", Decimal("91"), "#15803d"),
    ("Baik", Decimal("76"), "#2563eb"),
    ("Cukup", Decimal("66"), "#ca8a04"),
    ("Kurang", Decimal("51"), "#ea580c"),
    ("Sangat Kurang", Decimal("0"), "#b91c1c"),
]

SATKER = [
    ("00", "Komisi Pemilihan Umum Republik Indonesia", "pusat", None, "Jakarta"),
    ("18", "Komisi Pemilihan Umum Provinsi Lampung", "provinsi", "00", "Bandar Lampung"),
    ("1811", "Komisi Pemilihan Umum Kabupaten Mesuji", "kabkota", "18", "Mesuji"),
]


def isi(apps, schema_editor):
    app_config = apps.get_app_config("indicators")
    if not getattr(app_config, "models_module", None):
        app_config.models_module = True  # the migration's app stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nama, hak in HAK_PERAN.items():
        grup, _ = Group.objects.get_or_create(name=nama)
        kode = [f"{aksi}_{model}" for model, aksi_list in hak.items() for aksi in aksi_list]
        grup.permissions.add(
            *Permission.objects.filter(content_type__app_label="indicators", codename__in=kode)
        )
        if nama == "Admin":
            grup.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="auth", codename__endswith="group"
                )
            )

    SkalaKategori = apps.get_model("indicators", "SkalaKategori")
    for nama, batas, warna in SKALA:
        SkalaKategori.objects.get_or_create(
            nama=nama, defaults={"batas_bawah": batas, "warna": warna}
        )

    Satker = apps.get_model("indicators", "Satker")
    for kode, nama, tingkat, induk, kota in SATKER:
        Satker.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "tingkat": tingkat,
                "induk": Satker.objects.filter(kode=induk).first() if induk else None,
                "kota": kota,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
