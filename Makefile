# KPU IKU — make run (try it locally) and make test (the whole suite on PostgreSQL).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
DEV    := DJANGO_DEBUG=1

.PHONY: help install install-prod run reset-demo test check lint format migrations-check system-deps collectstatic serve clean audit

help:
	@echo "make run    — siapkan venv, migrasi, data contoh, server di http://$(HOST):$(PORT) (SQLite)"
	@echo "make run PORT=8080 — sama, pada port lain"
	@echo "make reset-demo — hapus basis data SQLite dan berkas unggahan make run; make run berikutnya mulai dari data contoh awal"
	@echo "make test   — seluruh pengujian pada PostgreSQL sementara (memasang paket yang kurang)"
	@echo "make lint   — ruff check + ruff format --check"
	@echo "make serve  — server produksi (gunicorn); butuh variabel lingkungan produksi, lihat README"
	@echo "make audit  — periksa kerentanan yang diketahui pada paket yang dipatok (butuh internet)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Production servers need only the runtime requirements, not the test tools.
$(VENV)/.installed-prod: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install-prod: $(VENV)/.installed-prod

run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py loaddata satker_kpu
	$(DEV) $(BIN)/python manage.py seed_demo
	@echo
	@echo "KPU IKU berjalan di http://$(HOST):$(PORT)/  (masuk: admin / sekretaris / operator / ketua / ketua-lampung / admin-ri, kata sandi kpu-mesuji-demo)"
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Only the files make run creates: the SQLite database and uploaded evidence
# under media/ (never a DATABASE_URL or MEDIA_ROOT set in the environment).
reset-demo:
	rm -f db.sqlite3 db.sqlite3-journal db.sqlite3-wal db.sqlite3-shm
	rm -rf media
	@echo "Data contoh dihapus; jalankan make run untuk memulai lagi dari awal."

system-deps:
	@bash scripts/system-deps.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install system-deps
	@bash scripts/test.sh $(ARGS)

# No gunicorn access log: the application logs every request itself, without
# the query string (see README, "Deploy").
serve: install-prod
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn kpu_iku.wsgi:application --bind $${BIND:-127.0.0.1:8000} \
		--workers $${WEB_CONCURRENCY:-$$(( $$(nproc) * 2 + 1 ))} --timeout 60 --no-control-socket

clean:
	rm -rf $(VENV) staticfiles

audit:
	@bash scripts/audit.sh
