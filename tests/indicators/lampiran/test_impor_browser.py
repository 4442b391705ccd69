"""The admin's Lampiran import as an Admin uses it, in Chromium: the page shows
how far the upload has got and then that the file is being checked, then the
preview, then the import is confirmed."""

import pytest

from indicators.models import RiwayatImpor

from .lampiran_xlsx import tulis_tercetak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_upload_shows_its_progress_then_the_preview_then_imports(buka_browser, demo_live):
    data = tulis_tercetak(
        tahun=(2020, 2021, 2022, 2023, 2024), nilai_target=lambda i, t: 80 + i % 20
    )
    page = buka_browser("admin")
    galat_konsol = []
    # Script errors and refusals by the Content-Security-Policy (the admin asks
    # for /favicon.ico, a 404 that is no concern here).
    page.on("pageerror", lambda e: galat_konsol.append(str(e)))
    page.on(
        "console",
        lambda m: m.type == "error" and "Security Policy" in m.text and galat_konsol.append(m.text),
    )
    # Every text the progress line shows, in order (an upload on loopback is too
    # quick to watch, so the page records it; the record outlives document.open()).
    page.add_init_script(
        """window.__kemajuan = window.__kemajuan || [];
        document.addEventListener("DOMContentLoaded", () => {
          const teks = document.querySelector(".teks-kemajuan");
          if (teks) new MutationObserver(() => window.__kemajuan.push(teks.textContent))
            .observe(teks, {childList: true, characterData: true, subtree: true});
        });
        // Whether the buttons were disabled once the page's submit handler ran:
        // read later, as the preview may already have replaced the form.
        document.addEventListener("submit", () => setTimeout(() => {
          const b = document.querySelector("input[value='Periksa (pratinjau)']");
          window.__nonaktif = b ? b.disabled : null;
        }), true);"""
    )
    page.goto("/admin/indicators/riwayatimpor/impor/")
    # The form offers the period that contains today; this Lampiran is 2020–2024.
    page.fill("#id_tahun_awal", "2020")
    page.fill("#id_tahun_akhir", "2024")
    page.set_input_files(
        "#id_berkas",
        files=[
            {
                "name": "Lampiran IKU.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": data,
            }
        ],
    )
    page.click("input[type=submit][value='Periksa (pratinjau)']")
    page.get_by_role("heading", name="Pratinjau: Lampiran IKU.xlsx").wait_for()
    assert page.evaluate("window.__nonaktif") is True
    assert "Program: 3, Kegiatan: 9, Sasaran: 44, Indikator: 71" in page.content()
    assert RiwayatImpor.objects.get().uji_coba
    kemajuan = page.evaluate("window.__kemajuan")
    assert kemajuan[0].startswith("Mengunggah…") and "Mengunggah… 100%" in kemajuan
    assert kemajuan[-1].startswith("Berkas terunggah; sedang dibaca dan diperiksa")

    page.click("input[value='Konfirmasi dan simpan']")
    page.wait_for_url("**/admin/indicators/riwayatimpor/")
    assert "Impor Lampiran IKU.xlsx berhasil" in page.content()
    assert RiwayatImpor.objects.filter(uji_coba=False, berhasil=True).count() == 1
    assert galat_konsol == []
