from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..akses import ADMIN, KETUA, OPERATOR, SEKRETARIS, wajib_berperan

# The guides in the order of the year's work; each role's text is its own
# template (templates/bantuan/_<role>.html).
PANDUAN = [
    (OPERATOR, "operator"),
    (SEKRETARIS, "sekretaris"),
    (KETUA, "ketua"),
    (ADMIN, "admin"),
]


@login_required
def bantuan(request):
    """What each role does, in what order and by when. Opens on the user's own
    role; every guide can be read (?peran=ketua)."""
    wajib_berperan(request)
    milik = [kode for peran, kode in PANDUAN if request.user.punya_peran(peran)]
    diminta = request.GET.get("peran", "").casefold()
    kode_semua = [kode for _, kode in PANDUAN]
    pilih = diminta if diminta in kode_semua else (milik[0] if milik else kode_semua[0])
    return render(
        request,
        "bantuan/bantuan.html",
        {
            "panduan": [
                {"peran": peran, "kode": kode, "milik": kode in milik} for peran, kode in PANDUAN
            ],
            "pilih": pilih,
            "templat": f"bantuan/_{pilih}.html",
            "nama_peran": {k: p for p, k in PANDUAN}[pilih],
        },
    )
