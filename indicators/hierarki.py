"""Nesting indicators as the decree prints them: Program → Kegiatan → Sasaran →
Indikator. The one place that builds this nesting: pages, documents and the
dashboard shape their own nodes from what it returns."""

from collections.abc import Callable, Iterable


def jenjang_indikator(indikator) -> tuple:
    sasaran = indikator.sasaran
    return sasaran.kegiatan.program, sasaran.kegiatan, sasaran


def susun_hierarki(butir: Iterable, jenjang: Callable[[object], tuple] | None = None) -> list:
    """Nest `butir` (ordered by hierarchy) into
    [{"objek": program, "kegiatan": [{"objek": kegiatan, "sasaran": [{"objek":
    sasaran, "indikator": [butir…]}]}]}], without queries. By default each item
    is an Indikator with its hierarchy select_related; `jenjang` gives an
    item's (program, kegiatan, sasaran) otherwise (e.g. a report row)."""
    jenjang = jenjang or jenjang_indikator
    program_list: list[dict] = []
    for item in butir:
        program, kegiatan, sasaran = jenjang(item)
        if not program_list or program_list[-1]["objek"].pk != program.pk:
            program_list.append({"objek": program, "kegiatan": []})
        kegiatan_list = program_list[-1]["kegiatan"]
        if not kegiatan_list or kegiatan_list[-1]["objek"].pk != kegiatan.pk:
            kegiatan_list.append({"objek": kegiatan, "sasaran": []})
        sasaran_list = kegiatan_list[-1]["sasaran"]
        if not sasaran_list or sasaran_list[-1]["objek"].pk != sasaran.pk:
            sasaran_list.append({"objek": sasaran, "indikator": []})
        sasaran_list[-1]["indikator"].append(item)
    return program_list
