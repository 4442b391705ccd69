#!/usr/bin/env bash
# Known vulnerabilities in the pinned requirements, with pip-audit (PyPA).
# pip-audit has no offline database: it asks PyPI's or OSV's vulnerability
# service. Where that is unreachable this says so plainly and exits 0, so an
# offline machine is not mistaken for a clean one. pip-audit lives in its own
# environment (.venv-audit): none of its dependencies reach the application.
set -uo pipefail
cd "$(dirname "$0")/.."
PIP_AUDIT_VERSION=2.10.1
tool=.venv-audit/bin/pip-audit

if [ ! -x "$tool" ]; then
  python3 -m venv .venv-audit >/dev/null 2>&1 \
    && .venv-audit/bin/pip install --quiet "pip-audit==$PIP_AUDIT_VERSION" >/dev/null 2>&1
fi
if [ ! -x "$tool" ]; then
  echo "AUDIT TIDAK DIJALANKAN: pip-audit $PIP_AUDIT_VERSION tidak dapat dipasang (indeks paket tidak terjangkau)."
  echo "Jalankan 'make audit' di mesin yang terhubung ke internet (lihat README, bagian Keamanan)."
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# --no-deps/--disable-pip: audit exactly the pins in the files (every
# transitive dependency is pinned there too), without resolving anything.
"$tool" --no-deps --disable-pip --vulnerability-service osv \
  -r requirements.txt -r requirements-dev.txt >"$log" 2>&1
status=$?
if grep -qE "ConnectionError|NameResolutionError|Max retries exceeded|Temporary failure in name resolution" "$log"; then
  echo "AUDIT TIDAK DIJALANKAN: layanan kerentanan OSV (api.osv.dev) tidak terjangkau dari mesin ini."
  echo "Tidak ada kesimpulan tentang kerentanan. Jalankan 'make audit' di mesin yang terhubung"
  echo "ke internet, atau: pip install pip-audit==$PIP_AUDIT_VERSION &&"
  echo "  pip-audit --no-deps --disable-pip -r requirements.txt -r requirements-dev.txt"
  exit 0
fi
if grep -q "could not be audited" "$log"; then
  # pip-audit then still prints "No known vulnerabilities found": not a result.
  grep "could not be audited" "$log"
  echo "AUDIT TIDAK LENGKAP: paket di atas tidak dapat diperiksa; tidak ada kesimpulan."
  exit 0
fi
cat "$log"
if [ $status -eq 0 ]; then
  echo "Audit selesai: tidak ada kerentanan yang diketahui pada versi yang dipatok."
else
  echo "Audit menemukan kerentanan (atau galat) di atas: perbarui patokan versi yang disebut."
fi
exit $status
