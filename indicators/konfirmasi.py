"""Irreversible steps ask first. In the page a <dialog> asks (static/js/konfirmasi.js)
and adds konfirmasi=1; without script, or when the field is missing, the server
answers with a confirmation page that posts the same fields again with it. No
such step happens on a single tap."""

from django.http import HttpResponse
from django.shortcuts import render

DILEWATI = {"csrfmiddlewaretoken", "konfirmasi"}


def minta_konfirmasi(
    request, *, judul: str, pesan: str, tombol: str, kembali: str, ringkasan: list | None = None
) -> HttpResponse | None:
    """None when the POST carries konfirmasi=1; otherwise the confirmation page."""
    if request.POST.get("konfirmasi") == "1":
        return None
    medan = [(k, v) for k in request.POST if k not in DILEWATI for v in request.POST.getlist(k)]
    return render(
        request,
        "konfirmasi.html",
        {
            "judul": judul,
            "pesan": pesan,
            "tombol": tombol,
            "kembali": kembali,
            "ringkasan": ringkasan or [],
            "medan": medan,
            "aksi": request.path,
        },
    )
