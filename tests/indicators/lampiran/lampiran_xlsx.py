"""Workbooks typed the way offices type the decree's Lampiran, built with openpyxl
from the fixture's data, for the import tests. Every layout variant is a switch."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "lampiran_kpu_mesuji_2022.json"


def struktur_lampiran() -> list[tuple[str, list]]:
    """[(program, [(kegiatan, [(sasaran, [indikator, …]), …]), …]), …] in the decree's order."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    per_model: dict[str, list] = {}
    for o in data:
        per_model.setdefault(o["model"], []).append(o)
    urut = {m: sorted(v, key=lambda o: o["fields"].get("urutan", 0)) for m, v in per_model.items()}

    def anak(model, fk, pk):
        return [o for o in urut[model] if o["fields"][fk] == pk]

    hasil = []
    for p in urut["indicators.program"]:
        kegiatan = []
        for k in anak("indicators.kegiatan", "program", p["pk"]):
            sasaran = []
            for s in anak("indicators.sasaran", "kegiatan", k["pk"]):
                indikator = [
                    i["fields"]["nama"] for i in anak("indicators.indikator", "sasaran", s["pk"])
                ]
                sasaran.append((s["fields"]["nama"], indikator))
            kegiatan.append((k["fields"]["nama"], sasaran))
        hasil.append((p["fields"]["nama"], kegiatan))
    return hasil


def simpan(wb: Workbook) -> bytes:
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def tulis_tercetak(
    struktur=None,
    *,
    gabung: bool = True,
    per_sheet: bool = False,
    heading_program: bool = True,
    kolom_awal: int = 1,
    huruf_besar: bool = False,
    judul_ulang: bool = True,
    baris_nomor_kolom: bool = False,
    spasi_liar: bool = False,
    tahun: tuple[int, ...] = (),
    nilai_target=None,
    satuan: bool = False,
) -> bytes:
    """The Lampiran as printed. `nilai_target(indikator_index, tahun)` gives the cell value
    (a number, a text, or (value, number_format)) when `tahun` names Target columns."""
    struktur = struktur or struktur_lampiran()
    wb = Workbook()
    wb.remove(wb.active)
    ws = None
    nomor_indikator = 0
    judul = ["No.", "Kegiatan", "Sasaran Kegiatan", "Indikator Kinerja Kegiatan"]
    if satuan:
        judul.append("Satuan")
    judul += [f"Target {t}" for t in tahun]
    if huruf_besar:
        judul = [j.upper() for j in judul]
    c0 = kolom_awal

    def tulis(baris: int, kolom: int, nilai) -> None:
        sel = ws.cell(baris, c0 + kolom)
        if isinstance(nilai, tuple):
            sel.value, sel.number_format = nilai
        else:
            sel.value = nilai

    def judul_atas() -> int:
        ws.cell(1, c0, "LAMPIRAN")
        ws.cell(2, c0, "KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN MESUJI NOMOR 18 TAHUN 2022")
        ws.cell(3, c0, "KEGIATAN DAN INDIKATOR KINERJA KEGIATAN")
        ws.merge_cells(start_row=3, start_column=c0, end_row=3, end_column=c0 + 3)
        return 5

    r = 0
    for pi, (program, kegiatan_list) in enumerate(struktur):
        if per_sheet or ws is None:
            ws = wb.create_sheet(
                program[:31] if per_sheet and not heading_program else f"P{pi + 1}"
            )
            r = judul_atas()
            tulis_header = True
        else:
            r += 1
            if judul_ulang:
                tulis(r, 0, "KEGIATAN DAN INDIKATOR KINERJA KEGIATAN")
                ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c0 + 3)
                r += 2
            tulis_header = judul_ulang
        if heading_program:
            tulis(r, 0, f"  {program} " if spasi_liar else program)
            r += 2
        if tulis_header:
            for i, teks in enumerate(judul):
                tulis(r, i, teks)
            r += 1
            if baris_nomor_kolom:
                for i in range(len(judul)):
                    tulis(r, i, f"({i + 1})")
                r += 1
        for no, (kegiatan, sasaran_list) in enumerate(kegiatan_list, 1):
            awal_k = r
            for sasaran, indikator_list in sasaran_list:
                awal_s = r
                for indikator in indikator_list:
                    if r == awal_k:
                        tulis(r, 0, no)
                        tulis(r, 1, f" {kegiatan}  " if spasi_liar else kegiatan)
                    if r == awal_s:
                        tulis(r, 2, sasaran)
                    tulis(r, 3, f"{indikator} " if spasi_liar else indikator)
                    kolom = 4
                    if satuan:
                        tulis(r, kolom, "Persen")
                        kolom += 1
                    for t in tahun:
                        if nilai_target is not None:
                            tulis(r, kolom, nilai_target(nomor_indikator, t))
                        kolom += 1
                    nomor_indikator += 1
                    r += 1
                if gabung and r - 1 > awal_s:
                    ws.merge_cells(
                        start_row=awal_s, start_column=c0 + 2, end_row=r - 1, end_column=c0 + 2
                    )
            if gabung and r - 1 > awal_k:
                for kolom in (0, 1):
                    ws.merge_cells(
                        start_row=awal_k,
                        start_column=c0 + kolom,
                        end_row=r - 1,
                        end_column=c0 + kolom,
                    )
    return simpan(wb)


def tabel_sederhana(baris: list[list], judul=None, tahun: tuple[int, ...] = ()) -> bytes:
    """A one-sheet printed-layout table: a Program heading, a header, then `baris`."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Lampiran"
    ws.append(["KEGIATAN DAN INDIKATOR KINERJA KEGIATAN"])
    ws.append(["Program Uji"])
    ws.append(judul or ["No.", "Kegiatan", "Sasaran", "Indikator"] + [f"Target {t}" for t in tahun])
    for b in baris:
        ws.append(b)
    return simpan(wb)


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    """Stored copies of imported files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
