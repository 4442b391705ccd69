"""The change log behind the fingerprints of pages across satker
(indicators.sidik.sidik_tahun, sidik_penetapan_tahun): a table and, on
PostgreSQL, triggers that add to it on every statement writing a Program,
Kegiatan, Sasaran, Indikator or NilaiIndikator.

Each statement adds one row per (decree, year) it touched — year 0 for the
tree, decree 0 when the decree can no longer be found (a row whose parent is
gone: it counts for every decree) — and folds the rows of those groups that
no other transaction holds (SKIP LOCKED: writers never wait for each other)
into it: `bobot` sums the writes, `txid` keeps the newest writer. The sum of
a group's `bobot` grows with every committed write, in whatever order
transactions commit; with the newest txid it tells a state apart from any
earlier one, also after the tables were emptied and filled again.
Existing rows of every other table are not touched."""

from django.db import migrations, models

# (table, the rows' decree and year, read from the transition table `r`)
PETA = {
    "indicators_program": ("r.penetapan_id", "0", ""),
    "indicators_kegiatan": (
        "p.penetapan_id",
        "0",
        "LEFT JOIN indicators_program p ON p.id = r.program_id",
    ),
    "indicators_sasaran": (
        "p.penetapan_id",
        "0",
        "LEFT JOIN indicators_kegiatan k ON k.id = r.kegiatan_id "
        "LEFT JOIN indicators_program p ON p.id = k.program_id",
    ),
    "indicators_indikator": (
        "p.penetapan_id",
        "0",
        "LEFT JOIN indicators_sasaran s ON s.id = r.sasaran_id "
        "LEFT JOIN indicators_kegiatan k ON k.id = s.kegiatan_id "
        "LEFT JOIN indicators_program p ON p.id = k.program_id",
    ),
    "indicators_nilaiindikator": (
        "p.penetapan_id",
        "r.tahun",
        "LEFT JOIN indicators_indikator i ON i.id = r.indikator_id "
        "LEFT JOIN indicators_sasaran s ON s.id = i.sasaran_id "
        "LEFT JOIN indicators_kegiatan k ON k.id = s.kegiatan_id "
        "LEFT JOIN indicators_program p ON p.id = k.program_id",
    ),
}

CATAT = """
CREATE FUNCTION indicators_jejak_catat(p integer[], t integer[]) RETURNS void
LANGUAGE sql AS $$
    WITH kena AS (
        SELECT DISTINCT penetapan_id, tahun FROM unnest(p, t) AS k(penetapan_id, tahun)
    ), dilipat AS (
        DELETE FROM indicators_jejakperubahan
         WHERE id IN (SELECT j.id FROM indicators_jejakperubahan j
                        JOIN kena USING (penetapan_id, tahun)
                         FOR UPDATE OF j SKIP LOCKED)
        RETURNING penetapan_id, tahun, bobot, txid
    )
    INSERT INTO indicators_jejakperubahan (penetapan_id, tahun, bobot, txid)
    SELECT k.penetapan_id, k.tahun, 1 + coalesce(sum(d.bobot), 0),
           greatest(txid_current(), max(d.txid))
      FROM kena k LEFT JOIN dilipat d USING (penetapan_id, tahun)
     GROUP BY k.penetapan_id, k.tahun
$$;
"""


def _fungsi(tabel: str) -> str:
    penetapan, tahun, gabung = PETA[tabel]

    def pilih(relasi: str) -> str:
        return (
            f"SELECT coalesce({penetapan}, 0) AS penetapan_id, {tahun} AS tahun "
            f"FROM {relasi} r {gabung}"
        )

    return f"""
CREATE FUNCTION {tabel}_jejak() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p integer[];
    t integer[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM indicators_jejak_catat(ARRAY[0], ARRAY[0]);
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(penetapan_id), array_agg(tahun) INTO p, t
          FROM ({pilih("baru")}) x;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(penetapan_id), array_agg(tahun) INTO p, t
          FROM ({pilih("baru")} UNION {pilih("lama")}) x;
    ELSE
        SELECT array_agg(penetapan_id), array_agg(tahun) INTO p, t
          FROM ({pilih("lama")}) x;
    END IF;
    IF p IS NOT NULL THEN
        PERFORM indicators_jejak_catat(p, t);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER jejak_tambah AFTER INSERT ON {tabel}
    REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION {tabel}_jejak();
CREATE TRIGGER jejak_ubah AFTER UPDATE ON {tabel}
    REFERENCING OLD TABLE AS lama NEW TABLE AS baru
    FOR EACH STATEMENT EXECUTE FUNCTION {tabel}_jejak();
CREATE TRIGGER jejak_hapus AFTER DELETE ON {tabel}
    REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION {tabel}_jejak();
CREATE TRIGGER jejak_kosongkan AFTER TRUNCATE ON {tabel}
    FOR EACH STATEMENT EXECUTE FUNCTION {tabel}_jejak();
"""


def pasang(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # elsewhere pages are computed every time
    schema_editor.execute(CATAT)
    for tabel in PETA:
        schema_editor.execute(_fungsi(tabel))


def lepas(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel in PETA:
        schema_editor.execute(f"DROP FUNCTION {tabel}_jejak() CASCADE")
    schema_editor.execute("DROP FUNCTION indicators_jejak_catat(integer[], integer[])")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0007_admin_membaca_peran"),
    ]

    operations = [
        migrations.CreateModel(
            name="JejakPerubahan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("penetapan_id", models.IntegerField(verbose_name="penetapan")),
                ("tahun", models.SmallIntegerField(verbose_name="tahun")),
                ("bobot", models.BigIntegerField(verbose_name="jumlah perubahan")),
                ("txid", models.BigIntegerField(verbose_name="transaksi terakhir")),
            ],
            options={
                "verbose_name": "jejak perubahan",
                "verbose_name_plural": "jejak perubahan",
                "indexes": [
                    models.Index(
                        fields=["penetapan_id", "tahun"], name="indicators__penetap_0d1f38_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(pasang, lepas),
    ]
