"""A column copied from a spreadsheet and pasted into one realisation field fills
the column downwards, one value per row; it is never joined into one number."""

import pytest

from indicators.models import Indikator, NilaiIndikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pasted_column_fills_the_rows_below(buka_browser, demo_live):
    page = buka_browser("operator")
    page.goto("/realisasi/2024/")
    kolom = page.locator(".input-realisasi")
    pertama = kolom.nth(0)
    pertama.focus()
    # What Excel puts on the clipboard for three cells of a column.
    page.evaluate(
        """() => {
          const data = new DataTransfer();
          data.setData("text/plain", "90,5\\r\\n22\\r\\n6\\r\\n");
          document.activeElement.dispatchEvent(
            new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }"""
    )
    assert [kolom.nth(i).input_value() for i in range(3)] == ["90,5", "22", "6"]
    assert "3 nilai ditempel" in page.locator(".pesan-tempel").inner_text()
    ids = [int(kolom.nth(i).get_attribute("name")[1:].split("-")[0]) for i in range(3)]
    page.click("text=Simpan semua")
    page.wait_for_load_state()
    tersimpan = {
        n.indikator_id: str(n.realisasi.normalize())
        for n in NilaiIndikator.objects.filter(indikator_id__in=ids, tahun=2024, triwulan=0)
    }
    assert [tersimpan[i] for i in ids] == ["90.5", "22", "6"]
    assert Indikator.objects.filter(pk__in=ids).count() == 3
