"""The cascade: KPU RI's IKU adopted by KPU Provinsi and KPU Kabupaten/Kota,
the parent's revisions accepted by each child, and a new period started from
an old one. No values are written here (targets are set on /target/), so no
satker-year lock is taken; the child's decree row (or the satker row, while
the decree does not exist yet) is locked instead.

`salin_pohon` is the one copy of a decree's tree: adoption, the bulk adoption
of 552 offices, the copy into a new period and the demo use it. On PostgreSQL
it writes with COPY (indicators.tulis_massal), history rows
included: bench/bench_adopsi.py measures it beside a plain bulk_create."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..models import Indikator, Kegiatan, PenetapanIKU, Pengguna, Program, Sasaran, Satker
from ..realisasi.services import periode_diubah
from ..tulis_massal import segarkan_statistik, sisip_baru


class KaskadeDitolak(Exception):
    """An adoption, revision or copy that may not happen; the message says why."""


# --- The copy --------------------------------------------------------------------


def salin_pohon(
    pasangan: list[tuple[PenetapanIKU, Satker]],
    *,
    oleh: Pengguna | None,
    tautkan: bool,
    periode: tuple[int, int] | None = None,
) -> list[PenetapanIKU]:
    """Copy each source decree's Program → Kegiatan → Sasaran → Indikator tree to
    its satker: one insert per level for all pairs, history rows for the
    indicators (by `oleh`). With `tautkan` every copy links to its source
    (adoption); `periode` gives the copy another period (new Renstra period).
    Callers run it inside a transaction and have checked the pairs."""
    if not pasangan:
        return []
    sumber_pk = {p.pk for p, _ in pasangan}
    indikator_list = list(
        Indikator.objects.filter(sasaran__kegiatan__program__penetapan__in=sumber_pk)
        .filter(aktif=True)
        .select_related("sasaran__kegiatan__program")
        .order_by("pk")
    )
    per_sumber: dict[int, list[Indikator]] = {pk: [] for pk in sumber_pk}
    for ind in indikator_list:
        per_sumber[ind.sasaran.kegiatan.program.penetapan_id].append(ind)

    penetapan = PenetapanIKU.objects.bulk_create(
        [
            PenetapanIKU(
                satker=satker,
                nomor=sumber.nomor,
                tanggal=sumber.tanggal,
                tentang=sumber.tentang,
                tahun_awal=periode[0] if periode else sumber.tahun_awal,
                tahun_akhir=periode[1] if periode else sumber.tahun_akhir,
                penandatangan=sumber.penandatangan,
                induk=sumber if tautkan else None,
            )
            for sumber, satker in pasangan
        ]
    )
    baru_program, baru_kegiatan, baru_sasaran, baru_indikator = [], [], [], []
    for (sumber, _), salinan in zip(pasangan, penetapan, strict=True):
        program, kegiatan, sasaran = {}, {}, {}
        for ind in per_sumber[sumber.pk]:
            s = ind.sasaran
            k = s.kegiatan
            p = k.program
            if p.pk not in program:
                program[p.pk] = _salin_simpul(p, penetapan=salinan, tautkan=tautkan)
                baru_program.append(program[p.pk])
            if k.pk not in kegiatan:
                kegiatan[k.pk] = _salin_simpul(k, program=program[p.pk], tautkan=tautkan)
                baru_kegiatan.append(kegiatan[k.pk])
            if s.pk not in sasaran:
                sasaran[s.pk] = _salin_simpul(s, kegiatan=kegiatan[k.pk], tautkan=tautkan)
                baru_sasaran.append(sasaran[s.pk])
            baru_indikator.append(_salin_indikator(ind, sasaran[s.pk], tautkan=tautkan))
    # Parents first: sisip_baru takes each row's key from the sequence, and a
    # child reads its parent's key from the (now saved) parent object.
    sisip_baru(Program, baru_program, oleh)
    sisip_baru(Kegiatan, baru_kegiatan, oleh)
    sisip_baru(Sasaran, baru_sasaran, oleh)
    sisip_baru(Indikator, baru_indikator, oleh)
    if len(baru_indikator) > 1000:
        segarkan_statistik(Program, Kegiatan, Sasaran, Indikator)
    return penetapan


def _salin_simpul(asal, *, tautkan: bool, **induk):
    return type(asal)(
        urutan=asal.urutan,
        kode=asal.kode,
        nama=asal.nama,
        induk=asal if tautkan else None,
        **induk,
    )


def _salin_indikator(ind: Indikator, sasaran: Sasaran, *, tautkan: bool) -> Indikator:
    return Indikator(
        sasaran=sasaran,
        urutan=ind.urutan,
        kode=ind.kode,
        nama=ind.nama,
        satuan=ind.satuan,
        polaritas=ind.polaritas,
        rumus_negatif=ind.rumus_negatif,
        definisi=ind.definisi,
        periode_ukur=ind.periode_ukur,
        aturan_tahunan=ind.aturan_tahunan,
        sumber_data=ind.sumber_data,
        baseline=ind.baseline,
        target_akhir=ind.target_akhir,
        induk=ind if tautkan else None,
        sidik_induk=ind.sidik_isi() if tautkan else "",
    )


# --- Adoption --------------------------------------------------------------------------


def _periksa_adopsi(induk: PenetapanIKU, satker: Satker, ada: set[int]) -> None:
    if satker.induk_id != induk.satker_id:
        raise KaskadeDitolak(
            f"{satker.nama} bukan satker di bawah {induk.satker.nama}: IKU hanya diadopsi "
            "dari satker induknya sendiri."
        )
    if satker.pk in ada:
        raise KaskadeDitolak(
            f"{satker.nama} sudah mempunyai IKU periode {induk.periode}; tidak diadopsi lagi."
        )


def _sudah_punya(satker_pk: list[int], tahun_awal: int, tahun_akhir: int) -> set[int]:
    return set(
        PenetapanIKU.objects.filter(
            satker__in=satker_pk, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir
        ).values_list("satker_id", flat=True)
    )


def iku_adopsi(*, induk: PenetapanIKU, satker: Satker, oleh: Pengguna | None) -> PenetapanIKU:
    """Adopt the parent's decree for `satker` (a child of the parent's satker):
    the same period, the whole tree, every indicator linked to its source."""
    with transaction.atomic():
        satker = Satker.objects.select_for_update().get(pk=satker.pk)
        _periksa_adopsi(
            induk, satker, _sudah_punya([satker.pk], induk.tahun_awal, induk.tahun_akhir)
        )
        return salin_pohon([(induk, satker)], oleh=oleh, tautkan=True)[0]


@dataclass
class HasilAdopsi:
    penetapan: list[PenetapanIKU] = field(default_factory=list)
    dilewati: list[Satker] = field(default_factory=list)  # already had an IKU of the period

    @property
    def jumlah(self) -> int:
        return len(self.penetapan)


def iku_adopsi_massal(
    *, induk: PenetapanIKU, oleh: Pengguna | None, semua_turunan: bool = False
) -> HasilAdopsi:
    """Adopt the parent's decree for all its children that have no IKU of the
    period yet (skipping those that do), and with `semua_turunan` level by
    level for their children too (KPU RI → 38 Provinsi → 514 Kabupaten/Kota),
    each from its own parent's decree."""
    hasil = HasilAdopsi()
    with transaction.atomic():
        tingkat = [induk]
        while tingkat:
            per_satker = {p.satker_id: p for p in tingkat}
            anak = list(
                Satker.objects.select_for_update()
                .filter(induk__in=list(per_satker))
                .order_by("kode")
            )
            ada = _sudah_punya([s.pk for s in anak], induk.tahun_awal, induk.tahun_akhir)
            pasangan = [(per_satker[s.induk_id], s) for s in anak if s.pk not in ada]
            hasil.dilewati.extend(s for s in anak if s.pk in ada)
            baru = salin_pohon(pasangan, oleh=oleh, tautkan=True)
            hasil.penetapan.extend(baru)
            if not semua_turunan:
                break
            # Children that already had the period's IKU pass it on as it is.
            tingkat = baru + list(
                PenetapanIKU.objects.filter(
                    satker__in=ada, tahun_awal=induk.tahun_awal, tahun_akhir=induk.tahun_akhir
                )
            )
    return hasil


def pratinjau_salin(sumber: PenetapanIKU) -> dict[str, int]:
    """What a copy of `sumber` will create, per level (active indicators only)."""
    # One read of the active indicators' places (joins with DISTINCT counts made
    # PostgreSQL's planner crawl right after a bulk copy, before statistics).
    tempat = list(
        Indikator.objects.dari_penetapan(sumber)
        .filter(aktif=True)
        .values_list("sasaran_id", "sasaran__kegiatan_id", "sasaran__kegiatan__program_id")
    )
    return {
        "Program": len({t[2] for t in tempat}),
        "Kegiatan": len({t[1] for t in tempat}),
        "Sasaran": len({t[0] for t in tempat}),
        "Indikator": len(tempat),
    }


# --- A new period from an old one ----------------------------------------------------


def iku_salin_periode(
    *, sumber: PenetapanIKU, tahun_awal: int, tahun_akhir: int, oleh: Pengguna | None
) -> PenetapanIKU:
    """Copy a satker's own decree into a new period as its starting point (no
    link to a parent), when the satker has no decree for that period yet."""
    if tahun_akhir < tahun_awal:
        raise KaskadeDitolak("Periode tidak valid: tahun akhir sebelum tahun awal.")
    with transaction.atomic():
        satker = Satker.objects.select_for_update().get(pk=sumber.satker_id)
        if _sudah_punya([satker.pk], tahun_awal, tahun_akhir):
            raise KaskadeDitolak(
                f"{satker.nama} sudah mempunyai IKU periode {tahun_awal}–{tahun_akhir}."
            )
        baru = salin_pohon(
            [(sumber, satker)], oleh=oleh, tautkan=False, periode=(tahun_awal, tahun_akhir)
        )[0]
        baru.tentang = f"Indikator Kinerja Utama Tahun {tahun_awal}-{tahun_akhir}"
        baru.nomor = "(belum diisi)"
        baru.tanggal = None
        baru.save(update_fields=["tentang", "nomor", "tanggal"])
        return baru


# --- Revisions -------------------------------------------------------------------------

BARU, DIUBAH, DIHENTIKAN = "baru", "diubah", "dihentikan"
LABEL_JENIS = {BARU: "Baru", DIUBAH: "Diubah", DIHENTIKAN: "Dihentikan"}


@dataclass
class Revisi:
    """One difference between the parent's IKU and the child's copy."""

    jenis: str
    induk: Indikator | None  # None: the parent's indicator was deleted
    anak: Indikator | None  # None: new at the parent
    perubahan: list[tuple[str, str, str]] = field(default_factory=list)  # label, lama, baru

    @property
    def kunci(self) -> str:
        """The form value that names this revision (stable across requests)."""
        return f"i{self.induk.pk}" if self.induk is not None else f"a{self.anak.pk}"

    @property
    def label(self) -> str:
        return LABEL_JENIS[self.jenis]

    @property
    def kode(self) -> str:
        return (self.induk or self.anak).kode

    @property
    def nama(self) -> str:
        return (self.induk or self.anak).nama


def revisi_induk(penetapan: PenetapanIKU) -> list[Revisi]:
    """What the parent changed since the child adopted (or last accepted):
    indicators added (Baru), changed (Diubah, old → new per field) and
    retired or deleted (Dihentikan). Two queries; empty when not adopted."""
    if penetapan.induk_id is None:
        return []
    induk_list = list(
        Indikator.objects.filter(
            sasaran__kegiatan__program__penetapan=penetapan.induk_id
        ).dengan_hierarki()
    )
    anak_list = list(Indikator.objects.dari_penetapan(penetapan).dengan_hierarki())
    anak_per_induk = {a.induk_id: a for a in anak_list if a.induk_id is not None}
    hasil = []
    for ind in induk_list:
        anak = anak_per_induk.get(ind.pk)
        if anak is None:
            if ind.aktif:
                hasil.append(Revisi(BARU, ind, None))
        elif not ind.aktif:
            if anak.aktif:
                hasil.append(Revisi(DIHENTIKAN, ind, anak))
        elif anak.sidik_induk != ind.sidik_isi():
            perubahan = [
                (label, _teks(anak, f), _teks(ind, f))
                for f, label in Indikator.ISI_REVISI.items()
                if getattr(anak, f) != getattr(ind, f)
            ]
            hasil.append(Revisi(DIUBAH, ind, anak, perubahan))
    # Linked once, and the parent's indicator is gone (SET_NULL): retired too.
    hasil.extend(
        Revisi(DIHENTIKAN, None, a)
        for a in anak_list
        if a.induk_id is None and a.sidik_induk and a.aktif
    )
    return hasil


def _teks(ind: Indikator, f: str) -> str:
    tampil = getattr(ind, f"get_{f}_display", None)
    return tampil() if tampil else str(getattr(ind, f))


def iku_terima_revisi(*, penetapan: PenetapanIKU, kunci: list[str] | None, oleh: Pengguna) -> int:
    """Accept the parent's revisions named by `kunci` (Revisi.kunci; None: all)
    into the child's decree, in one transaction, each change with a history row
    by `oleh`. Revisions no longer pending (accepted meanwhile) are skipped;
    returns how many were applied."""
    with transaction.atomic():
        penetapan = PenetapanIKU.objects.select_for_update().get(pk=penetapan.pk)
        daftar = revisi_induk(penetapan)
        if kunci is not None:
            dipilih = set(kunci)
            daftar = [r for r in daftar if r.kunci in dipilih]
        baru, ubah, ganti_periode = [], [], []
        hari_ini = timezone.localdate()
        for r in daftar:
            if r.jenis == BARU:
                sasaran = _sasaran_padanan(penetapan, r.induk.sasaran)
                if Indikator.objects.filter(sasaran=sasaran, kode=r.induk.kode).exists():
                    raise KaskadeDitolak(
                        f"Indikator baru {r.induk.kode} tidak dapat diterima: kode itu sudah "
                        f"dipakai indikator sendiri di sasaran {sasaran.kode}. Ubah kode indikator "
                        "sendiri itu dahulu."
                    )
                baru.append(_salin_indikator(r.induk, sasaran, tautkan=True))
            elif r.jenis == DIUBAH:
                pesan = r.anak.penolakan_ubah_periode(r.induk.periode_ukur, r.induk.aturan_tahunan)
                if pesan:
                    raise KaskadeDitolak(f"Revisi {r.induk.kode} tidak dapat diterima. {pesan}")
                if (r.anak.periode_ukur, r.anak.aturan_tahunan) != (
                    r.induk.periode_ukur,
                    r.induk.aturan_tahunan,
                ):
                    ganti_periode.append(r.anak)
                for f in Indikator.ISI_REVISI:
                    setattr(r.anak, f, getattr(r.induk, f))
                r.anak.sidik_induk = r.induk.sidik_isi()
                ubah.append(r.anak)
            else:
                r.anak.aktif = False
                r.anak.dihentikan_pada = (
                    r.induk.dihentikan_pada if r.induk is not None else None
                ) or hari_ini
                ubah.append(r.anak)
        if baru:
            bulk_create_with_history(baru, Indikator, default_user=oleh)
        if ubah:
            bulk_update_with_history(
                ubah,
                Indikator,
                [*Indikator.ISI_REVISI, "sidik_induk", "aktif", "dihentikan_pada"],
                default_user=oleh,
            )
        for ind in ganti_periode:
            periode_diubah(indikator=ind, pengguna=oleh)
    return len(baru) + len(ubah)


def _sasaran_padanan(penetapan: PenetapanIKU, sasaran_induk: Sasaran) -> Sasaran:
    """The child's Sasaran copied from `sasaran_induk`, creating the missing
    Program/Kegiatan/Sasaran copies (the parent may have added them too)."""
    kegiatan_induk = sasaran_induk.kegiatan
    program_induk = kegiatan_induk.program
    program = Program.objects.filter(penetapan=penetapan, induk=program_induk).first()
    if program is None:
        program = _salin_simpul(program_induk, penetapan=penetapan, tautkan=True)
        program.save()
    kegiatan = Kegiatan.objects.filter(program=program, induk=kegiatan_induk).first()
    if kegiatan is None:
        kegiatan = _salin_simpul(kegiatan_induk, program=program, tautkan=True)
        kegiatan.save()
    sasaran = Sasaran.objects.filter(kegiatan=kegiatan, induk=sasaran_induk).first()
    if sasaran is None:
        sasaran = _salin_simpul(sasaran_induk, kegiatan=kegiatan, tautkan=True)
        sasaran.save()
    return sasaran


def indikator_hentikan(*, indikator: Indikator, oleh: Pengguna, tanggal=None) -> Indikator:
    """Retire an indicator: marked, never deleted, so its values and history
    stay; the satker's children see it as Dihentikan until they accept."""
    with transaction.atomic():
        indikator = Indikator.objects.select_for_update().get(pk=indikator.pk)
        if not indikator.aktif:
            raise KaskadeDitolak(f"Indikator {indikator.kode} sudah dihentikan.")
        indikator.aktif = False
        indikator.dihentikan_pada = tanggal or timezone.localdate()
        bulk_update_with_history(
            [indikator], Indikator, ["aktif", "dihentikan_pada"], default_user=oleh
        )
    return indikator
