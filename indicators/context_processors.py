import functools

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

from .models import Satker

# Main menu: (url name, label). Entries whose URL does not exist are skipped.
MENU = [
    ("dasbor", "Dasbor"),
    ("beranda", "IKU"),
    ("realisasi_bawaan", "Realisasi"),
    ("target", "Target"),
    ("antrean", "Antrean"),
    ("kekurangan", "Belum diisi"),
    ("laporan", "Laporan"),
    ("bantuan", "Bantuan"),
]


@functools.cache
def _menu_untuk(awalan: str) -> list[dict]:
    # URLs do not change while the process runs; one list per script prefix.
    items = []
    for nama, label in MENU:
        try:
            items.append({"nama": nama, "url": reverse(nama), "label": label})
        except NoReverseMatch:
            continue
    return items


# Shown only to those they serve (no query: the satker's level and the user's
# roles are read already by every page).
MENU_BAWAHAN = ("rekap", "Rekap")
MENU_KASKADE = ("kaskade", "Kaskade")


def _menu_pengguna(request) -> list[dict]:
    from .akses import boleh

    items = list(_menu_untuk(get_script_prefix()))
    user = request.user
    if not user.is_authenticated:
        return items
    satker = user.satker if user.satker_id else None
    tambahan = []
    if boleh(user, "baca_bawahan") and (user.is_superuser or (satker and satker.punya_bawahan)):
        tambahan.append(MENU_BAWAHAN)
    if boleh(user, "kaskade"):
        tambahan.append(MENU_KASKADE)
    for nama, label in tambahan:
        items.append({"nama": nama, "url": reverse(nama), "label": label})
    return items


def aplikasi(request) -> dict:
    """Values every page needs; lazy so pages that don't use them pay nothing."""
    return {
        "ada_data_contoh": SimpleLazyObject(
            lambda: Satker.objects.filter(data_contoh=True).exists()
        ),
        "menu_utama": SimpleLazyObject(lambda: _menu_pengguna(request)),
        # The period entries still empty for this user (menu badge of "Belum diisi").
        "jumlah_kekurangan": SimpleLazyObject(lambda: _jumlah_kekurangan(request)),
    }


def _jumlah_kekurangan(request) -> int:
    from .kekurangan.selectors import jumlah_permintaan

    return jumlah_permintaan(request)
