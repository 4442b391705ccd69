"""Load and failure test on loopback: gunicorn + a throwaway PostgreSQL.

    .venv/bin/python bench/load_test.py                      # 50 users, 60 s
    .venv/bin/python bench/load_test.py --restart-db         # and restart PostgreSQL mid-run
    .venv/bin/python bench/load_test.py --users 10 --duration 20 --think 0

It creates a PostgreSQL cluster in a temporary folder on a free loopback port,
migrates, loads the demo data (seed_demo --force, debug off) and N load users
(most Operators, every tenth an Admin), starts gunicorn with production
settings. Users arrive over --ramp seconds, each logging in (reported apart as
the warm-up); then, in the measured window of --duration seconds, all of them
work through the scenarios below with a think time between actions, logging in
again now and then (--relogin). Bounded: a maximum duration and a maximum
request count, loopback only; everything is removed at the end.

Scenarios are plain functions in SKENARIO; one whose page answers 404 (a
build without that page) is reported as skipped. To add one, write
`def nama(u: Pengguna) -> Hasil | None` and append it with its weight.

Reports per scenario: requests, errors, p50/p95/p99. With --restart-db: the
statuses seen while PostgreSQL was down (503 expected, never 500), the time to
the first success after it came back, whether gunicorn kept running (same
master and workers), and whether every save acknowledged before the restart is
still in the database.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SANDI = "kpu-mesuji-demo"
TAHUN = 2023


# --- HTTP client: one connection and cookie jar per user ----------------------------


@dataclass
class Jawaban:
    status: int
    body: str
    headers: http.client.HTTPMessage


class Pengguna:
    def __init__(self, host: str, port: int, username: str, admin: bool):
        self.host, self.port = host, port
        self.username, self.admin = username, admin
        self.cookies: dict[str, str] = {}
        self.masuk = False
        self.conn = http.client.HTTPConnection(host, port, timeout=30)
        self.nilai_milik: list[int] = []  # NilaiIndikator pks this admin user saves

    def minta(self, method: str, path: str, data: dict | None = None) -> Jawaban:
        headers = {"Host": self.host}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            # gunicorn's sync workers close the connection; reconnect once.
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        isi = resp.read().decode("utf-8", "replace")
        for kuki in resp.msg.get_all("Set-Cookie") or []:
            nama, _, sisa = kuki.partition("=")
            nilai = sisa.split(";", 1)[0]
            if nilai in ("", '""') or "max-age=0" in kuki.lower():
                self.cookies.pop(nama.strip(), None)
            else:
                self.cookies[nama.strip()] = nilai
        return Jawaban(resp.status, isi, resp.msg)


class _Formulir:
    def __init__(self, action: str):
        self.action = action
        self.fields: list[tuple[str, str]] = []


class _PembacaFormulir(HTMLParser):
    """The fields of each POST form of a page, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.formulir: list[_Formulir] = []
        self._f: _Formulir | None = None
        self._select: str | None = None
        self._opsi_pertama: str | None = None
        self._terpilih = False
        self._textarea: str | None = None
        self._teks = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._f = _Formulir(a.get("action") or "")
            self.formulir.append(self._f)
        if self._f is None:
            return
        fields = self._f.fields
        nama = a.get("name")
        if tag == "input" and nama:
            jenis = (a.get("type") or "text").lower()
            if jenis in ("checkbox", "radio") and "checked" not in a:
                return
            if jenis in ("submit", "button", "file", "image"):
                return
            fields.append((nama, a.get("value") or ("on" if jenis == "checkbox" else "")))
        elif tag == "select" and nama:
            self._select, self._opsi_pertama, self._terpilih = nama, None, False
        elif tag == "option" and self._select:
            nilai = a.get("value") or ""
            if self._opsi_pertama is None:
                self._opsi_pertama = nilai
            if "selected" in a:
                fields.append((self._select, nilai))
                self._terpilih = True
        elif tag == "textarea" and nama:
            self._textarea, self._teks = nama, ""

    def handle_endtag(self, tag):
        if self._f is None:
            return
        if tag == "select" and self._select:
            if not self._terpilih and self._opsi_pertama is not None:
                self._f.fields.append((self._select, self._opsi_pertama))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._f.fields.append((self._textarea, self._teks.lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            self._f = None

    def handle_data(self, data):
        if self._textarea:
            self._teks += data


def formulir(html: str, berisi: str) -> _Formulir | None:
    """The POST form holding a field named `berisi` (a regular expression),
    never another one: a page's header has a logout form too."""
    p = _PembacaFormulir()
    p.feed(html)
    for f in p.formulir:
        if any(re.fullmatch(berisi, k) for k, _ in f.fields):
            return f
    return None


# --- Scenarios ----------------------------------------------------------------------


@dataclass
class Hasil:
    skenario: str
    mulai: float
    durasi: float
    status: int | str  # HTTP status, or the exception's name
    ok: bool
    ke_login: bool = False  # sent to the login page: the session is gone


def _ukur(u: Pengguna, skenario: str, method: str, path: str, data=None, oke=(200,)):
    mulai = time.time()
    t0 = time.perf_counter()
    try:
        j = u.minta(method, path, data)
    except Exception as exc:  # a refused or reset connection is an error to report
        return Hasil(skenario, mulai, time.perf_counter() - t0, type(exc).__name__, False), None
    hasil = Hasil(skenario, mulai, time.perf_counter() - t0, j.status, j.status in oke)
    hasil.ke_login = j.status == 302 and "/accounts/login/" in j.headers.get("Location", "")
    return hasil, j


def login(u: Pengguna) -> Hasil | None:
    u.cookies.clear()
    hasil, j = _ukur(u, "login (halaman)", "GET", "/accounts/login/")
    if j is None or j.status != 200:
        return hasil
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', j.body)
    data = {"username": u.username, "password": SANDI, "next": "/"}
    data["csrfmiddlewaretoken"] = token.group(1) if token else ""
    hasil, j = _ukur(u, "login", "POST", "/accounts/login/", data, oke=(302,))
    u.masuk = hasil.ok and j is not None and j.headers.get("Location", "") == "/"
    hasil.ok = u.masuk
    return hasil


def halaman_iku(u: Pengguna) -> Hasil | None:
    hasil, j = _ukur(u, "IKU /?tahun=2023", "GET", f"/?tahun={TAHUN}")
    if j is not None and j.status == 200 and j.body.count('class="baris-indikator"') != 71:
        hasil.ok = False
    return hasil


# A page this build lacks (404) is skipped, so the script also runs against older builds.
TIDAK_ADA: set[str] = set()


def _halaman_opsional(u: Pengguna, skenario: str, path: str) -> Hasil | None:
    if skenario in TIDAK_ADA:
        return None
    hasil, j = _ukur(u, skenario, "GET", path)
    if j is not None and j.status == 404:
        TIDAK_ADA.add(skenario)
        return None
    return hasil


def dasbor(u: Pengguna) -> Hasil | None:
    return _halaman_opsional(u, "dasbor", f"/dasbor/?tahun={TAHUN}")


def halaman_isian(u: Pengguna) -> Hasil | None:
    return _halaman_opsional(u, "isian realisasi", f"/realisasi/{TAHUN}/")


def simpan_isian(u: Pengguna) -> Hasil | None:
    """Saves the entry grid (the Operator's real save) with one realisation changed."""
    if "simpan isian" in TIDAK_ADA:
        return None
    j = u.minta("GET", f"/realisasi/{TAHUN}/")
    if j.status == 404:
        TIDAK_ADA.add("simpan isian")
        return None
    f = formulir(j.body, r"r\d+-realisasi")
    if j.status != 200 or f is None:
        return Hasil("simpan isian", time.time(), 0.0, j.status, False)
    # Change one realisation, as an operator correcting a figure would; a value
    # at or below any target needs no analisis, so the save goes through unless
    # another user saved the same row meanwhile: then the page names the conflict
    # (409), which is the application doing its job, not an error.
    kolom = [i for i, (k, _) in enumerate(f.fields) if re.fullmatch(r"r\d+-realisasi", k)]
    data = list(f.fields)
    if kolom:
        i = random.choice(kolom)
        data[i] = (data[i][0], f"{random.randint(0, 1)},{random.randint(0, 9)}")
    hasil, jawab = _ukur(
        u, "simpan isian", "POST", f.action or f"/realisasi/{TAHUN}/", data, oke=(200, 302, 409)
    )
    if jawab is not None and jawab.status in (400, 409):
        pesan = re.search(r"(Belum disimpan[^<]*|[^>]*konflik[^<]*)", jawab.body, re.I)
        rinci = re.findall(r'<p class="galat"[^>]*>([^<]+)', jawab.body)
        CONTOH_PENOLAKAN.append(
            f"{jawab.status}: {pesan.group(1).strip() if pesan else '?'} {rinci[:2]}"
        )
    return hasil


# What the grid said when it refused a save (conflicts, validation), for the report.
CONTOH_PENOLAKAN: list[str] = []


# Acknowledged saves: pk → the last value the server confirmed (302).
TERSIMPAN: dict[int, str] = {}
TERSIMPAN_KUNCI = threading.Lock()


def simpan_admin(u: Pengguna) -> Hasil | None:
    """A real save through the application: an Admin changes a realisation
    in the admin form. Each Admin owns its own rows, so the last acknowledged
    value per row is known exactly and can be checked after a database restart."""
    if not u.admin or not u.nilai_milik:
        return None
    pk = random.choice(u.nilai_milik)
    path = f"/admin/indicators/nilaiindikator/{pk}/change/"
    j = u.minta("GET", path)
    if j.status != 200:
        return Hasil("simpan (admin)", time.time(), 0.0, j.status, False)
    f = formulir(j.body, berisi="realisasi")
    if f is None:
        return Hasil("simpan (admin)", time.time(), 0.0, "tanpa formulir", False)
    nilai = f"{random.randint(1, 99)}.{random.randint(0, 99):02d}"
    data = [(k, nilai if k == "realisasi" else v) for k, v in f.fields] + [("_save", "Simpan")]
    hasil, jawab = _ukur(u, "simpan (admin)", "POST", path, data, oke=(302,))
    if hasil.ok:
        with TERSIMPAN_KUNCI:
            TERSIMPAN[pk] = nilai
    elif jawab is not None and jawab.status == 200:
        hasil.status = "200 (formulir ditolak)"
    return hasil


# (function, weight). Login happens first for every user and again after a logout.
SKENARIO = [
    (halaman_iku, 5),
    (dasbor, 3),
    (halaman_isian, 3),
    (simpan_isian, 1),
    (simpan_admin, 4),
]
KHUSUS_ADMIN = {simpan_admin}
KHUSUS_OPERATOR = {simpan_isian}  # an Admin reads the grid; only Operators type in it


# --- Throwaway PostgreSQL and gunicorn ----------------------------------------------


def port_bebas() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class PostgreSQL:
    def __init__(self, folder: Path):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        self.bin = bins[-1] if bins else Path(shutil.which("initdb") or "/usr/bin/initdb").parent
        self.folder, self.port = folder, port_bebas()
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")

    def _pg(self, *args: str, **kw) -> None:
        subprocess.run([*self.as_pg, *args], check=True, stdout=subprocess.DEVNULL, **kw)

    def _opsi(self) -> str:
        return (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            "-c max_connections=200 -c fsync=off"
        )

    def mulai(self) -> str:
        self._pg(
            str(self.bin / "initdb"), "-D", str(self.folder / "data"), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self._pg(
            str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-l",
            str(self.folder / "pg.log"), "-w", "-o", self._opsi(), "start",
        )  # fmt: skip
        self._pg(
            str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
            "postgres", "kpu_iku",
        )  # fmt: skip
        return f"postgres://postgres@127.0.0.1:{self.port}/kpu_iku"

    def cpu_detik(self) -> float:
        """CPU seconds of the server: the postmaster with the backends it has
        reaped, plus the live ones (lost across a restart)."""
        try:
            pid = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return 0.0
        return cpu_detik({pid}, anak=True) + cpu_detik(anak_proses(pid))

    def restart(self) -> None:
        self._pg(
            str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-l",
            str(self.folder / "pg.log"), "-w", "-m", "fast", "-o", self._opsi(), "restart",
        )  # fmt: skip

    def berhenti(self) -> None:
        subprocess.run(
            [*self.as_pg, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
             "immediate", "stop"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
        )  # fmt: skip


BUAT_PENGGUNA = """
from django.contrib.auth.models import Group
from indicators.models import NilaiIndikator, Pengguna, Satker
satker = Satker.objects.get(kode="1811")
contoh = Pengguna.objects.get(username="operator")
nilai = list(NilaiIndikator.objects.filter(
    indikator__sasaran__kegiatan__program__penetapan__satker=satker, tahun={tahun}, triwulan=0
).order_by("pk").values_list("pk", flat=True))
for i in range(1, {n} + 1):
    admin = i % 10 == 0
    u, _ = Pengguna.objects.get_or_create(username=f"beban{{i:02d}}", defaults={{"satker": satker}})
    u.password = contoh.password  # the same hash: 50 x PBKDF2 would take a while
    u.is_staff = admin
    u.save()
    u.groups.set([Group.objects.get(name="Admin" if admin else "Operator")])
print("NILAI", ",".join(map(str, nilai)))
"""


def anak_proses(pid: int) -> set[int]:
    try:
        isi = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return set()
    return {int(x) for x in isi.split()}


# --- Run ----------------------------------------------------------------------------


def cpu_detik(pids: set[int], anak: bool = False) -> float:
    """User + system CPU seconds of the processes, from /proc (anak: with their
    children that have ended)."""
    total = 0
    for pid in pids:
        try:
            kolom = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(kolom[11]) + int(kolom[12])  # utime, stime
        if anak:
            total += int(kolom[13]) + int(kolom[14])  # cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def persentil(data: list[float], p: float) -> float:
    if not data:
        return float("nan")
    if len(data) == 1:
        return data[0]
    return statistics.quantiles(data, n=100, method="inclusive")[int(p) - 1]


@dataclass
class Jalannya:
    hasil: list[Hasil] = field(default_factory=list)
    pemanasan: list[Hasil] = field(default_factory=list)  # the first logins, before the window
    kunci: threading.Lock = field(default_factory=threading.Lock)
    jumlah: int = 0


def pekerja(
    u: Pengguna,
    args,
    jalannya: Jalannya,
    mulai_ukur: float,
    batas_waktu: float,
    rng: random.Random,
    tunda: float,
):
    # Users arrive over the ramp-up: 50 logins in the same second would only
    # measure PBKDF2 (about 0.4 s of CPU per login, by design).
    time.sleep(tunda)
    # Admin-only scenarios only for Admins, Operator-only ones only for Operators.
    pilihan = [
        (f, b)
        for f, b in SKENARIO
        if (u.admin or f not in KHUSUS_ADMIN) and (not u.admin or f not in KHUSUS_OPERATOR)
    ]
    fungsi = [f for f, _ in pilihan]
    bobot = [b for _, b in pilihan]
    # Warm-up: each user logs in as it arrives; the measured window starts once
    # all have arrived, so it has N concurrent users from its first second.
    h = login(u)
    with jalannya.kunci:
        jalannya.pemanasan.append(h)
    time.sleep(max(0.0, mulai_ukur - time.time()))
    while time.time() < batas_waktu:
        with jalannya.kunci:
            if jalannya.jumlah >= args.max_requests:
                return
        if not u.masuk or rng.random() < args.relogin:
            h = login(u)
        else:
            h = rng.choices(fungsi, bobot)[0](u)
            if h is not None and h.ke_login:
                u.masuk = False
        if h is not None:
            with jalannya.kunci:
                jalannya.hasil.append(h)
                jalannya.jumlah += 1
        if args.think:
            time.sleep(rng.uniform(0.5, 1.5) * args.think)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60, help="seconds (max 600)")
    ap.add_argument("--max-requests", type=int, default=200_000)
    ap.add_argument("--think", type=float, default=1.0, help="mean think time in s (0 = none)")
    ap.add_argument("--relogin", type=float, default=0.01, help="chance a step is a new login")
    ap.add_argument("--ramp", type=float, default=20, help="seconds over which users arrive")
    ap.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    ap.add_argument("--restart-db", action="store_true", help="restart PostgreSQL mid-run")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    args = ap.parse_args()
    args.duration = min(args.duration, 600)

    kerja = Path(tempfile.mkdtemp(prefix="kpu-iku-beban-"))
    kerja.chmod(0o755)  # the postgres user must reach its data folder inside
    (kerja / "pg").mkdir()
    pg = PostgreSQL(kerja / "pg")
    gunicorn = None
    try:
        url = pg.mulai()
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DATABASE_URL=url,
            DJANGO_SECRET_KEY="kunci-uji-beban-" + "b" * 50,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_HTTPS="0",
            MEDIA_ROOT=str(kerja / "media"),
            DJANGO_STATIC_ROOT=str(kerja / "static"),
        )

        def manage(*a: str) -> str:
            return subprocess.run(
                [PY, "manage.py", *a], cwd=ROOT, env=env, check=True, capture_output=True, text=True
            ).stdout

        t0 = time.time()
        manage("migrate", "--noinput", "-v0")
        manage("collectstatic", "--noinput", "-v0")
        manage("seed_demo", "--force")
        keluaran = manage("shell", "-c", BUAT_PENGGUNA.format(n=args.users, tahun=TAHUN - 1))
        nilai_pk = [int(x) for x in keluaran.split("NILAI ", 1)[1].strip().split(",")]
        print(f"Persiapan (PostgreSQL, migrasi, data contoh): {time.time() - t0:.1f} s")

        port = port_bebas()
        log = (kerja / "gunicorn.log").open("w")
        gunicorn = subprocess.Popen(
            [GUNICORN, "kpu_iku.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--timeout", "60", "--no-control-socket",
             "--access-logfile", str(kerja / "akses.log"), "--access-logformat", "%(s)s %(D)s"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            print("gunicorn tidak menjawab; lihat", kerja / "gunicorn.log")
            return 2
        time.sleep(1)
        pekerja_awal = anak_proses(gunicorn.pid)

        pengguna = [
            Pengguna("127.0.0.1", port, f"beban{i:02d}", admin=i % 10 == 0)
            for i in range(1, args.users + 1)
        ]
        admins = [u for u in pengguna if u.admin]
        for i, pk in enumerate(nilai_pk):
            if admins:
                admins[i % len(admins)].nilai_milik.append(pk)

        jalannya = Jalannya()
        mulai = time.time() + args.ramp  # the measured window, after the users arrived
        batas = mulai + args.duration
        thread = [
            threading.Thread(
                target=pekerja,
                args=(
                    u,
                    args,
                    jalannya,
                    mulai,
                    batas,
                    random.Random(i),
                    i * args.ramp / len(pengguna),
                ),
                daemon=True,
            )
            for i, u in enumerate(pengguna)
        ]
        for t in thread:
            t.start()
        time.sleep(max(0.0, mulai - time.time()))
        cpu_awal = cpu_detik(pekerja_awal | {gunicorn.pid}), time.process_time(), pg.cpu_detik()
        akses_awal = len((kerja / "akses.log").read_text().splitlines())
        jendela = None
        tersimpan_sebelum: dict[int, str] = {}
        if args.restart_db:
            time.sleep(args.duration / 2)
            with TERSIMPAN_KUNCI:
                tersimpan_sebelum = dict(TERSIMPAN)
            r0 = time.time()
            pg.restart()
            jendela = (r0, time.time())
            print(f"PostgreSQL dimulai ulang dalam {jendela[1] - jendela[0]:.2f} s")
        for t in thread:
            t.join(timeout=args.duration + 60)
        selesai = time.time()

        cpu_server = cpu_detik(anak_proses(gunicorn.pid) | {gunicorn.pid}) - cpu_awal[0]
        cpu_klien = time.process_time() - cpu_awal[1]
        cpu_pg = pg.cpu_detik() - cpu_awal[2]
        awal = [h.durasi * 1000 for h in jalannya.pemanasan if h is not None]
        if awal:
            print(
                f"Pemanasan: {len(awal)} login dalam {args.ramp:.0f} s sebelum jendela ukur "
                f"(p50 {persentil(awal, 50):.0f} ms, p95 {persentil(awal, 95):.0f} ms, "
                f"gagal {sum(1 for h in jalannya.pemanasan if h is None or not h.ok)})"
            )
        laporan(jalannya.hasil, selesai - mulai, args, jendela)
        time.sleep(0.5)  # let the access log flush
        server = [
            int(b.split()[1]) / 1000
            for b in (kerja / "akses.log").read_text().splitlines()[akses_awal:]
            if len(b.split()) == 2
        ]
        if server:
            print(
                f"Waktu di server (log gunicorn, {len(server)} permintaan): "
                f"p50 {persentil(server, 50):.0f} ms, p95 {persentil(server, 95):.0f} ms"
            )
        print(
            f"CPU selama uji ({os.cpu_count()} inti): gunicorn {cpu_server:.0f} s, "
            + ("" if args.restart_db else f"PostgreSQL {cpu_pg:.0f} s, ")
            + f"klien beban ini {cpu_klien:.0f} s, dalam {selesai - mulai:.0f} s"
        )
        hidup = gunicorn.poll() is None
        pekerja_akhir = anak_proses(gunicorn.pid)
        print(
            f"\ngunicorn: master {'masih berjalan' if hidup else 'MATI'}; pekerja "
            f"{'sama seperti awal' if pekerja_akhir == pekerja_awal else 'BERGANTI'} "
            f"({len(pekerja_akhir)} dari {args.workers})"
        )
        periksa_simpanan(manage, tersimpan_sebelum if args.restart_db else None)
        return 0
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        pg.berhenti()
        if args.keep:
            print("Folder sementara disimpan:", kerja)
        else:
            shutil.rmtree(kerja, ignore_errors=True)


def laporan(hasil: list[Hasil], detik: float, args, jendela) -> None:
    print(
        f"\n{args.users} pengguna, {detik:.0f} s, jeda berpikir rata-rata {args.think} s, "
        f"{len(hasil)} permintaan ({len(hasil) / detik:.1f}/s)"
    )
    if TIDAK_ADA:
        print("Dilewati (halaman belum ada di build ini):", ", ".join(sorted(TIDAK_ADA)))

    # While PostgreSQL restarts, 503 is the expected answer, not an error.
    # A request overlapping the restart (started before, cut off by it) counts too.
    def dalam_jendela(h: Hasil) -> bool:
        return (
            jendela is not None and h.mulai <= jendela[1] + 5 and h.mulai + h.durasi >= jendela[0]
        )

    print(f"{'skenario':<22}{'jumlah':>8}{'galat':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    semua_durasi: list[float] = []
    total_galat = 0
    for nama in sorted({h.skenario for h in hasil}):
        baris = [h for h in hasil if h.skenario == nama]
        galat = [h for h in baris if not h.ok and not (dalam_jendela(h) and h.status == 503)]
        total_galat += len(galat)
        d = [h.durasi * 1000 for h in baris]
        semua_durasi += d
        print(
            f"{nama:<22}{len(baris):>8}{len(galat):>7}{persentil(d, 50):>9.0f}"
            f"{persentil(d, 95):>9.0f}{persentil(d, 99):>9.0f}"
        )
    halaman = [h.durasi * 1000 for h in hasil if h.skenario != "login"]
    print(
        f"{'tanpa login':<22}{len(halaman):>8}{'':>7}{persentil(halaman, 50):>9.0f}"
        f"{persentil(halaman, 95):>9.0f}{persentil(halaman, 99):>9.0f}"
    )
    print(
        f"{'SEMUA':<22}{len(hasil):>8}{total_galat:>7}{persentil(semua_durasi, 50):>9.0f}"
        f"{persentil(semua_durasi, 95):>9.0f}{persentil(semua_durasi, 99):>9.0f}"
    )
    galat_status: dict = {}
    for h in hasil:
        if not h.ok and not (dalam_jendela(h) and h.status == 503):
            galat_status[h.status] = galat_status.get(h.status, 0) + 1
    if galat_status:
        print("Galat menurut status:", galat_status)
    if CONTOH_PENOLAKAN:
        print(f"Simpan isian ditolak oleh aplikasi {len(CONTOH_PENOLAKAN)} kali, mis.:")
        for teks in sorted(set(CONTOH_PENOLAKAN))[:5]:
            print("  ", teks[:200])
    if jendela is not None:
        di_jendela = [h for h in hasil if dalam_jendela(h)]
        status: dict = {}
        for h in di_jendela:
            # A 302 is a save's redirect, unless it sends the user to the login page.
            kunci = "302 ke login" if h.ke_login else h.status
            status[kunci] = status.get(kunci, 0) + 1
        print(f"\nSelama restart PostgreSQL (+5 s): {len(di_jendela)} permintaan, status {status}")
        ke_login = [h for h in di_jendela if h.ke_login]
        if ke_login:
            print(
                "  dialihkan ke halaman masuk:",
                ", ".join(f"{h.skenario} +{h.mulai - jendela[0]:.2f} s" for h in ke_login[:5]),
            )
        gagal = [
            h
            for h in hasil
            if h.mulai >= jendela[0]
            and (
                h.status in (500, 503) or (isinstance(h.status, str) and not h.status[:3].isdigit())
            )
        ]
        pulih = [h for h in hasil if h.mulai >= jendela[1] and h.ok]
        terakhir_gagal = max((h.mulai + h.durasi for h in gagal), default=None)
        if pulih:
            pertama = min(h.mulai for h in pulih)
            print(
                f"Permintaan sukses pertama {pertama - jendela[1]:+.2f} s setelah PostgreSQL siap"
            )
        if terakhir_gagal is not None:
            print(
                f"Kegagalan terakhir {terakhir_gagal - jendela[1]:+.2f} s setelah PostgreSQL siap"
            )
        n500 = sum(1 for h in hasil if h.status == 500)
        print(f"Jawaban 500 selama seluruh uji: {n500}")


def periksa_simpanan(manage, sebelum: dict[int, str] | None) -> None:
    with TERSIMPAN_KUNCI:
        akhir = dict(TERSIMPAN)
    if not akhir:
        print("Tidak ada simpanan yang dikonfirmasi (skenario simpan tidak berjalan).")
        return
    kode = (
        "from indicators.models import NilaiIndikator as N; "
        f"print(';'.join(f'{{p}}={{r}}' for p, r in N.objects.filter(pk__in={list(akhir)})"
        ".values_list('pk', 'realisasi')))"
    )
    di_db = dict(
        x.split("=") for x in manage("shell", "-c", kode).strip().splitlines()[-1].split(";")
    )

    def sama(pk: int, v: str) -> bool:
        return str(pk) in di_db and Decimal(di_db[str(pk)]) == Decimal(v)

    hilang = [pk for pk, v in akhir.items() if not sama(pk, v)]
    print(
        f"Simpanan yang dikonfirmasi server: {len(akhir)} baris, "
        f"{len(akhir) - len(hilang)} ada di basis data dengan nilai terakhirnya"
        + (f", TIDAK COCOK: {hilang[:10]}" if hilang else "")
    )
    if sebelum is not None:
        # Rows last saved before the restart and never after: the restart must not lose them.
        hanya_sebelum = [pk for pk, v in sebelum.items() if akhir.get(pk) == v]
        hilang_sebelum = [pk for pk in hanya_sebelum if not sama(pk, sebelum[pk])]
        print(
            f"Disimpan sebelum restart (dan tidak diubah lagi): {len(hanya_sebelum)} baris, "
            f"hilang: {len(hilang_sebelum)}"
        )


if __name__ == "__main__":
    sys.exit(main())
