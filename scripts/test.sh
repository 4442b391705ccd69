#!/usr/bin/env bash
# The whole suite against a throwaway PostgreSQL cluster on loopback, on a free
# non-default port; the cluster is removed on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || pgbin=$(dirname "$(command -v initdb)")
datadir=$(mktemp -d /tmp/kpu-iku-pg.XXXXXX)
port=$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$datadir"
  as_pg=(runuser -u postgres --)
fi
stop() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$datadir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$datadir"
}
trap stop EXIT

# autovacuum off: whether it analyzed a table while a test had just emptied it
# decided the plans of the next test (an empty table's statistics make the
# planner pick nested loops that took minutes); without it, plans follow the
# tables' real size, the same on every run.
"${as_pg[@]}" "$pgbin/initdb" -D "$datadir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$datadir/data" -l "$datadir/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c autovacuum=off" start >/dev/null
"${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres kpu_iku
echo "PostgreSQL sementara di 127.0.0.1:$port"

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/kpu_iku"
export DJANGO_SECRET_KEY="kunci-uji-yang-cukup-panjang-untuk-pengujian-saja-0123456789abcdef"
export DJANGO_HTTPS=0
export DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,testserver"

echo "== ruff"
$BIN/ruff check .
$BIN/ruff format --check .
echo "== makemigrations --check"
$BIN/python manage.py makemigrations --check --dry-run
echo "== check --deploy (variabel produksi)"
DJANGO_HTTPS=1 DJANGO_ALLOWED_HOSTS=iku.example.go.id $BIN/python manage.py check --deploy --fail-level WARNING
echo "== collectstatic"
$BIN/python manage.py collectstatic --noinput -v0
echo "== pytest"
# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made beside it are synchronous and safe.
export DJANGO_ALLOW_ASYNC_UNSAFE=true
# loadfile: each test module runs in one process, so a module fixture (a
# rendered 64-page PDF) is built once; the modules with the most tests go first.
$BIN/python -m pytest -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" --dist loadfile "$@"
