"""Dashboard server time beside a trivial login-required view, in the same run,
on PostgreSQL under gunicorn (2 workers), first with Mesuji's data alone and
then with 550 further demo satker in the database.

    .venv/bin/python bench/bench_dashboard.py [--requests 200] [--satker 550]

A throwaway PostgreSQL cluster on a free loopback port is created and removed
(as scripts/test.sh does). Server time is gunicorn's own request time (%(D)s,
microseconds, from the access log), so the client's overhead is not counted.
The trivial view lives in bench/urls.py, selected by bench/settings.py.
Goal: dashboard p50 ≤ 3 × the trivial view's p50.

The dashboard's body is cached under a fingerprint of the data it reads, so
the figure for repeated requests is the served-again page. A third line
measures the dashboard right after a change to the satker's data (one value
rewritten before every request), i.e. the page computed and rendered anew.
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DASBOR = "/dasbor/?tahun=2023"
DASBOR_BARU = "/dasbor/?tahun=2023&setelah=ubah"  # the view ignores the extra parameter
RINGAN = "/bench/ringan/"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin() -> Path:
    kandidat = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if kandidat:
        return kandidat[-1]
    return Path(shutil.which("initdb")).parent


class Postgres:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kpu-iku-bench-pg."))
        self.port = port_bebas()
        self.bin = pg_bin()
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self.as_pg:
            shutil.chown(self.dir, "postgres")

    def __enter__(self) -> str:
        data = self.dir / "data"
        jalan = lambda *a: subprocess.run([*self.as_pg, *a], check=True, capture_output=True)  # noqa: E731
        jalan(
            str(self.bin / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        opsi = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        jalan(
            str(self.bin / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.dir / "pg.log"),
            "-w",
            "-o",
            opsi,
            "start",
        )
        jalan(
            str(self.bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "kpu_iku",
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/kpu_iku"

    def __exit__(self, *exc) -> None:
        subprocess.run(
            [
                *self.as_pg,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def manage(env: dict, *args: str) -> str:
    hasil = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return hasil.stdout


class Gunicorn:
    def __init__(self, env: dict, log: Path) -> None:
        self.env, self.log, self.port = env, log, port_bebas()

    def __enter__(self) -> str:
        self.proses = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "kpu_iku.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                str(self.log),
                "--access-logformat",
                "%(U)s?%(q)s %(s)s %(D)s",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        url = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/accounts/login/", timeout=2)
                return url
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn tidak menjawab")

    def __exit__(self, *exc) -> None:
        self.proses.terminate()
        self.proses.wait(timeout=20)


def masuk(url: str, username: str = "ketua") -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(url + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": "kpu-mesuji-demo", "csrfmiddlewaretoken": token}
    ).encode()
    jawab = opener.open(
        urllib.request.Request(
            url + "/accounts/login/", data=data, headers={"Referer": url + "/accounts/login/"}
        )
    )
    assert jawab.url.endswith("/dasbor/"), jawab.url
    return opener


def ubah_satu_nilai(database_url: str) -> None:
    """Rewrite one of Mesuji's values (same numbers, new row version)."""
    subprocess.run(
        [
            "psql",
            "-q",
            database_url,
            "-c",
            "UPDATE indicators_nilaiindikator SET versi = versi + 1 WHERE id = "
            "(SELECT min(id) FROM indicators_nilaiindikator)",
        ],
        check=True,
        capture_output=True,
    )


def ukur(env: dict, jumlah: int, log: Path) -> dict:
    log.write_text("")
    with Gunicorn(env, log) as url:
        opener = masuk(url)
        for _ in range(20):  # warm up both workers
            opener.open(url + DASBOR).read()
            opener.open(url + RINGAN).read()
        awal = len(log.read_text().splitlines())
        for _ in range(jumlah):
            assert opener.open(url + DASBOR).status == 200
            assert opener.open(url + RINGAN).status == 200
        for _ in range(max(jumlah // 4, 20)):
            ubah_satu_nilai(env["DATABASE_URL"])
            assert opener.open(url + DASBOR_BARU).status == 200
        time.sleep(0.3)  # let the access log flush
    waktu: dict[str, list[float]] = {DASBOR: [], DASBOR_BARU: [], RINGAN + "?": []}
    for baris in log.read_text().splitlines()[awal:]:
        jalur, status, mikro = baris.split()
        if jalur in waktu and status == "200":
            waktu[jalur].append(int(mikro) / 1000)
    return waktu


def p(nilai: list[float], q: float) -> float:
    return statistics.quantiles(nilai, n=100, method="inclusive")[int(q) - 1]


def lapor(judul: str, waktu: dict) -> float:
    d, r = waktu[DASBOR], waktu[RINGAN + "?"]
    rasio = statistics.median(d) / statistics.median(r)
    print(f"\n{judul}")
    print(f"  {'halaman':<44}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}")
    for nama, nilai in (
        (DASBOR, d),
        (RINGAN + " (ringan)", r),
        (DASBOR + " setelah data berubah", waktu[DASBOR_BARU]),
    ):
        print(f"  {nama:<44}{len(nilai):>5}{statistics.median(nilai):>9.1f}{p(nilai, 95):>9.1f}")
    print(f"  rasio p50 dasbor/ringan = {rasio:.2f} (sasaran ≤ 3)")
    return rasio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="permintaan per halaman")
    parser.add_argument("--satker", type=int, default=550)
    args = parser.parse_args()
    with Postgres() as database_url, tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_SECRET_KEY": "kunci-bench-yang-cukup-panjang-untuk-pengukuran-0123456789abcdef",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(Path(tmp) / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        env.pop("DJANGO_DEBUG", None)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "seed_demo", "--force")
        log = Path(tmp) / "akses.log"
        rasio = [lapor("Mesuji saja", ukur(env, args.requests, log))]
        mulai = time.monotonic()
        manage(env, "seed_demo", "--force", "--satker", str(args.satker))
        print(f"\nseed_demo --satker {args.satker}: {time.monotonic() - mulai:.1f} s")
        rasio.append(lapor(f"Dengan {args.satker} satker contoh", ukur(env, args.requests, log)))
    return 0 if max(rasio) <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
