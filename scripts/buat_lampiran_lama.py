"""Writes tests/indicators/lampiran/berkas/*.xls and *.ods: the Lampiran test
tables saved by LibreOffice Calc as Excel 97–2003 and as OpenDocument, so the
import is tested on files a real office program wrote (the tests also write
both formats themselves, with xlwt and odfpy, for every layout variant).

A development-time tool, run once when the tables in
tests/indicators/lampiran/format_lama.py (CONTOH) change; the tests only read
the files. Needs LibreOffice (`apt-get install libreoffice-calc-nogui`):

    .venv/bin/python scripts/buat_lampiran_lama.py
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
TUJUAN = AKAR / "tests" / "indicators" / "lampiran" / "berkas"
sys.path.insert(0, str(AKAR))

from tests.indicators.lampiran.format_lama import CONTOH  # noqa: E402


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) tidak ditemukan: apt-get install libreoffice-calc-nogui")
    TUJUAN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as kerja:
        for nama, buat in CONTOH.items():
            xlsx = Path(kerja) / f"{nama}.xlsx"
            xlsx.write_bytes(buat())
            for format_ in ("xls", "ods"):
                subprocess.run(
                    [
                        soffice,
                        f"-env:UserInstallation=file://{kerja}/profil",
                        "--headless",
                        "--convert-to",
                        format_,
                        "--outdir",
                        str(TUJUAN),
                        str(xlsx),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
                print(TUJUAN / f"{nama}.{format_}")


if __name__ == "__main__":
    main()
