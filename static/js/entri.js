// Realisasi grid: Tab/Enter move down the realisasi column (Tab goes first to an
// explanation the row still needs), capaian and kategori follow what is typed
// (the numbers come from the server, the same formula that saves), each
// problem is written under its field, and what is typed is kept in this tab's
// sessionStorage until it is saved, so an expired session loses nothing.
(function () {
  "use strict";
  var form = document.getElementById("form-entri");
  if (!form) return;
  var url = form.getAttribute("data-capaian-url");
  var inputs = Array.prototype.slice.call(form.querySelectorAll(".input-realisasi"));
  var timers = {};
  var LABEL = { analisis: "analisis", kendala: "kendala", tindak_lanjut: "tindak lanjut" };

  function baris(el) { return el.closest("tr.baris-indikator") || el.closest("tr.baris-teks").previousElementSibling; }
  function idBaris(tr) { return tr.getAttribute("data-indikator"); }
  function kolom(tr, nama) { return document.getElementById("r" + idBaris(tr) + "-" + nama); }

  // --- Keeping a field and its problem in view ----------------------------------
  var bilah = form.querySelector(".bilah-simpan");
  function tampakkan(el) {
    // The sticky save bar covers the bottom of the window: scroll so that the
    // field and what is written under it stay above the bar.
    if (!bilah) return;
    var sel = el.closest("td") || el;
    var bawah = sel.getBoundingClientRect().bottom;
    var batas = bilah.getBoundingClientRect().top - 8;
    if (bawah > batas) window.scrollBy(0, bawah - batas);
  }
  form.addEventListener("focusin", function (e) { tampakkan(e.target); });

  function tulisGalat(el, teks) {
    var p = document.getElementById(el.id + "-galat");
    if (!p) return;
    p.textContent = teks || "";
    p.hidden = !teks;
    el.setAttribute("aria-invalid", teks ? "true" : "false");
  }

  // --- Which explanation a row still needs ---------------------------------------
  function kurang(tr) {
    var perlu = (tr.getAttribute("data-butuh") || "").split(" ").filter(Boolean);
    return perlu.filter(function (k) { var t = kolom(tr, k); return t && !t.value.trim(); });
  }
  function tandaiPenjelasan(tr) {
    var sisa = kurang(tr);
    tr.setAttribute("data-perlu", sisa.join(" "));
    var p = tr.querySelector(".perlu-penjelasan");
    var atas = tr.getAttribute("data-arah") === "atas";
    if (p) {
      p.hidden = !sisa.length;
      p.textContent = sisa.length ? (atas ? "Capaian di atas 100%: isi " : "Capaian di bawah target: isi ") +
        sisa.map(function (k) { return LABEL[k]; }).join(" dan ") + "." : "";
    }
    var analisis = kolom(tr, "analisis");
    if (analisis) {
      tulisGalat(analisis, sisa.indexOf("analisis") >= 0
        ? "Capaian di atas 100% (realisasi melampaui target): jelaskan di analisis." : "");
    }
    return sisa;
  }

  function perbarui(input) {
    var tr = baris(input);
    var nilai = input.value;
    var q = "?indikator=" + encodeURIComponent(idBaris(tr)) + "&realisasi=" + encodeURIComponent(nilai);
    return fetch(url + q, { credentials: "same-origin", headers: { Accept: "application/json" }, redirect: "manual" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) return;
        input.setAttribute("data-dicek", nilai);
        tr.querySelector(".sel-capaian").textContent = d.capaian;
        var sel = tr.querySelector(".sel-kategori");
        sel.textContent = "";
        var span = document.createElement("span");
        if (d.kategori) {
          span.className = "kategori " + d.kelas;
          span.textContent = d.kategori;
        } else {
          span.className = "kosong";
          span.textContent = "—";
        }
        sel.appendChild(span);
        var yakin = kolom(tr, "yakin");
        var kotak = yakin && yakin.closest(".konfirmasi-nilai");
        if (kotak) kotak.hidden = !d.janggal;
        var teks = d.galat || "";
        if (!teks && d.janggal && yakin && !yakin.checked) {
          teks = d.janggal + ": periksa lagi; bila benar, centang “Nilai ini benar” di bawah.";
        }
        tulisGalat(input, teks);
        tr.setAttribute("data-butuh", (d.perlu || []).join(" "));
        tr.setAttribute("data-arah", d.perlu_analisis ? "atas" : "bawah");
        var sisa = tandaiPenjelasan(tr);
        if (sisa.length) {
          var det = tr.nextElementSibling && tr.nextElementSibling.querySelector("details");
          if (det) det.open = true;
        }
        if (d.sesi_sisa) jadwalkanSesi(d.sesi_sisa);
      })
      .catch(function () { /* the save recomputes anyway */ });
  }

  function pindah(input, arah) {
    // The next realisation in a row the filters show.
    for (var i = inputs.indexOf(input) + arah; i >= 0 && i < inputs.length; i += arah) {
      if (baris(inputs[i]).hidden) continue;
      inputs[i].focus();
      inputs[i].select();
      return true;
    }
    return false;
  }

  // Tab from a realisation whose result needs an explanation goes to that
  // explanation first; the server's answer for the typed value decides.
  function tabDari(input) {
    var tr = baris(input);
    var siap = input.getAttribute("data-dicek") === input.value
      ? Promise.resolve() : (clearTimeout(timers[input.id]), perbarui(input));
    return siap.then(function () {
      var sisa = kurang(tr);
      if (!sisa.length) {
        if (!pindah(input, 1) && bilah) bilah.querySelector("button").focus();
        return true;
      }
      var det = tr.nextElementSibling && tr.nextElementSibling.querySelector("details");
      if (det) det.open = true;
      kolom(tr, sisa[0]).focus();
      return true;
    });
  }

  // A column copied from a spreadsheet ("90,5⏎22⏎6") fills the column downwards,
  // one value per row, as a spreadsheet would. Without this the browser drops
  // the line breaks of a one-line field and 90,5226 would be saved.
  var pesan = document.createElement("p");
  pesan.className = "pesan-tempel";
  pesan.setAttribute("role", "status");
  form.insertBefore(pesan, form.firstChild);

  function tempel(input, e) {
    var data = e.clipboardData || window.clipboardData;
    if (!data) return;
    var daftar = data.getData("text").replace(/\r/g, "").split("\n");
    if (daftar.length > 1 && daftar[daftar.length - 1] === "") daftar.pop();
    if (daftar.length < 2 && daftar[0].indexOf("\t") < 0) return; // one value: the browser pastes it
    e.preventDefault();
    // Down the rows shown: a value never lands in a row the filters hide.
    var tampak = inputs.filter(function (el) { return !baris(el).hidden; });
    var awal = tampak.indexOf(input);
    var terisi = 0;
    daftar.forEach(function (teks, k) {
      var sasaran = tampak[awal + k];
      if (!sasaran) return;
      sasaran.value = teks.split("\t")[0].trim();
      sasaran.dispatchEvent(new Event("input", { bubbles: true }));
      terisi += 1;
    });
    var sisa = daftar.length - terisi;
    pesan.textContent = terisi + " nilai ditempel ke baris berurutan mulai dari baris ini." +
      (sisa > 0 ? " " + sisa + " nilai terakhir tidak ditempel: tidak ada baris lagi." : "") +
      " Periksa, lalu simpan.";
  }

  inputs.forEach(function (input) {
    var tr = baris(input);
    tr.setAttribute("data-butuh", tr.getAttribute("data-perlu") || "");
    input.addEventListener("paste", function (e) { tempel(input, e); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Tab" && !e.shiftKey && !e.altKey && !e.ctrlKey) {
        e.preventDefault();
        tabDari(input);
      } else if (e.key === "Enter" || (e.key === "Tab" && !e.altKey && !e.ctrlKey)) {
        if (pindah(input, e.shiftKey ? -1 : 1)) e.preventDefault();
        else if (e.key === "Enter") e.preventDefault();
      }
    });
    input.addEventListener("input", function () {
      var id = input.id;
      clearTimeout(timers[id]);
      timers[id] = setTimeout(function () { perbarui(input); }, 300);
    });
  });
  form.addEventListener("input", function (e) {
    var t = e.target;
    if (t.tagName === "TEXTAREA") tandaiPenjelasan(baris(t));
    if (t.name && /-yakin$/.test(t.name)) perbarui(kolom(baris(t), "realisasi"));
  });

  // --- Unsaved input: what counts, where it is kept -----------------------------
  // Only the grid's own fields whose value differs from what the page brought
  // count (ticking rows for "Ajukan yang dicentang" belongs to another form).
  function milikForm(el) { return el.form === form && el.name && el.type !== "hidden"; }
  function diubah(el) {
    return el.type === "checkbox" ? el.checked !== el.defaultChecked : el.value !== el.defaultValue;
  }
  function barisBerubah() {
    var hasil = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (milikForm(el) && diubah(el)) hasil[idBaris(baris(el))] = true;
    });
    form.querySelectorAll("tr[data-berubah]").forEach(function (tr) { hasil[idBaris(tr)] = true; });
    return Object.keys(hasil);
  }

  var kunci = form.getAttribute("data-simpanan");
  var simpanan = null;
  try { simpanan = window.sessionStorage; } catch (err) { simpanan = null; }

  function isianBaris(id) {
    var isi = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.name.indexOf("r" + id + "-") === 0) {
        isi[el.name] = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value;
      }
    });
    return isi;
  }
  function simpanDraf() {
    if (!simpanan || !kunci) return;
    var draf = {};
    barisBerubah().forEach(function (id) { draf[id] = isianBaris(id); });
    try {
      if (Object.keys(draf).length) simpanan.setItem(kunci, JSON.stringify(draf));
      else simpanan.removeItem(kunci);
    } catch (err) { /* storage full or disabled: the form still works */ }
  }
  form.addEventListener("input", simpanDraf);
  form.addEventListener("change", simpanDraf);

  function pulihkan() {
    if (!simpanan || !kunci) return;
    var draf;
    try { draf = JSON.parse(simpanan.getItem(kunci) || "null"); } catch (err) { draf = null; }
    if (!draf) return;
    var beda = [];
    Object.keys(draf).forEach(function (id) {
      var isi = draf[id];
      var ada = Object.keys(isi).some(function (nama) {
        var el = form.elements[nama];
        if (!el || el.type === "hidden") return false;
        return el.type === "checkbox" ? el.checked !== (isi[nama] === "1") : el.value !== isi[nama];
      });
      if (ada && document.getElementById("r" + id + "-realisasi")) beda.push(id);
    });
    if (!beda.length) {
      // What was kept is what the page now shows: it was saved.
      if (!form.querySelector("tr[data-berubah]")) simpanan.removeItem(kunci);
      return;
    }
    beda.forEach(function (id) {
      var isi = draf[id];
      Object.keys(isi).forEach(function (nama) {
        var el = form.elements[nama];
        if (!el) return;
        if (el.type === "checkbox") el.checked = isi[nama] === "1";
        else el.value = isi[nama];
      });
      var tr = document.getElementById("r" + id + "-realisasi").closest("tr");
      tr.setAttribute("data-berubah", "1");
      var det = tr.nextElementSibling && tr.nextElementSibling.querySelector("details");
      var teks = ["analisis", "kendala", "tindak_lanjut"].some(function (k) { var t = kolom(tr, k); return t && t.value; });
      if (det && teks) det.open = true;
      perbarui(kolom(tr, "realisasi"));
    });
    var kabar = document.createElement("div");
    kabar.className = "pesan-pulih";
    kabar.setAttribute("role", "status");
    kabar.textContent = "Isian yang belum tersimpan dipulihkan; periksa lalu simpan. (" + beda.length + " indikator) ";
    var buang = document.createElement("button");
    buang.type = "button";
    buang.className = "tombol tombol-kecil tombol-sekunder";
    buang.textContent = "Buang isian ini";
    buang.addEventListener("click", function () {
      simpanan.removeItem(kunci);
      berubahAda = false;
      window.location.reload();
    });
    kabar.appendChild(buang);
    form.parentNode.insertBefore(kabar, form);
  }

  // Leaving with unsaved changes loses them: ask first.
  var berubahAda = true;
  form.addEventListener("submit", function () { simpanDraf(); berubahAda = false; });
  window.addEventListener("beforeunload", function (e) {
    if (berubahAda && barisBerubah().length) { e.preventDefault(); e.returnValue = ""; }
  });
  pulihkan();

  // --- Search and filters ----------------------------------------------------------
  // Applied at once in the page (the server applies the same rules for
  // ?cari=…&saring=… without script). A row with an unsaved change, an error or
  // a ticked box is never hidden: it stays, marked, and the count says so.
  // Hidden rows stay in the form, so "Simpan semua" still saves every change.
  var formSaring = document.getElementById("form-saring");
  var kotakCari = document.getElementById("cari");
  var pilihSaring = document.getElementById("saring");
  var jumlahTampil = document.getElementById("jumlah-tampil");
  var semuaBaris = Array.prototype.slice.call(form.querySelectorAll("tr.baris-indikator"));
  function saringCocok(tr, cari, saring) {
    if (cari && (tr.getAttribute("data-kode") || "").toLowerCase().indexOf(cari) < 0 &&
        (tr.getAttribute("data-nama") || "").indexOf(cari) < 0) return false;
    var capaian = parseFloat(tr.getAttribute("data-capaian"));
    var ada = !isNaN(capaian);
    switch (saring) {
      case "kosong": return tr.getAttribute("data-kosong") === "1";
      case "dikembalikan": return tr.getAttribute("data-status") === "dikembalikan";
      case "di_atas": return ada && capaian > 100;
      case "di_bawah": return ada && capaian < 100;
      case "tanpa_bukti": return tr.getAttribute("data-bukti") === "0";
      case "perlu_penjelasan": return !!(tr.getAttribute("data-perlu") || "").trim();
      default: return true;
    }
  }
  function harusTampil(tr, berubah) {
    if (berubah[idBaris(tr)] || tr.classList.contains("baris-galat")) return true;
    var teks = tr.nextElementSibling;
    var sel = [tr, teks];
    return sel.some(function (el) {
      return el && (el.querySelector("[aria-invalid=true]") || el.querySelector("input[name=pilih]:checked"));
    });
  }
  function terapkanSaringan(tulisUrl) {
    if (!formSaring) return;
    var cari = kotakCari.value.trim().toLowerCase();
    var saring = pilihSaring.value;
    var berubah = {};
    barisBerubah().forEach(function (id) { berubah[id] = true; });
    var tampil = 0, paksa = 0;
    semuaBaris.forEach(function (tr) {
      var cocok = saringCocok(tr, cari, saring);
      var tetap = !cocok && harusTampil(tr, berubah);
      tr.hidden = !(cocok || tetap);
      if (tr.nextElementSibling && tr.nextElementSibling.classList.contains("baris-teks")) {
        tr.nextElementSibling.hidden = tr.hidden;
      }
      var tanda = tr.querySelector(".tanda-paksa");
      if (tanda) tanda.hidden = !tetap;
      if (!tr.hidden) tampil += 1;
      if (tetap) paksa += 1;
    });
    // A heading shows while one of the rows under it does.
    var kepala = { "baris-program": null, "baris-kegiatan": null, "baris-sasaran": null };
    var adaDi = new Map();
    Array.prototype.forEach.call(form.querySelectorAll("tbody > tr"), function (tr) {
      var jenis = ["baris-program", "baris-kegiatan", "baris-sasaran"].filter(function (k) { return tr.classList.contains(k); })[0];
      if (jenis) {
        if (jenis === "baris-program") { kepala["baris-kegiatan"] = null; kepala["baris-sasaran"] = null; }
        if (jenis === "baris-kegiatan") kepala["baris-sasaran"] = null;
        kepala[jenis] = tr;
        adaDi.set(tr, false);
      } else if (tr.classList.contains("baris-indikator") && !tr.hidden) {
        Object.keys(kepala).forEach(function (k) { if (kepala[k]) adaDi.set(kepala[k], true); });
      }
    });
    adaDi.forEach(function (ada, tr) { tr.hidden = !ada; });
    jumlahTampil.textContent = "Menampilkan " + tampil + " dari " + semuaBaris.length + " indikator" +
      (paksa ? " (" + paksa + " tidak cocok dengan saringan tetapi ditampilkan karena belum disimpan atau perlu diperbaiki)" : "") + ".";
    if (tulisUrl && window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      if (cari) url.searchParams.set("cari", kotakCari.value.trim()); else url.searchParams.delete("cari");
      if (saring) url.searchParams.set("saring", saring); else url.searchParams.delete("saring");
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
  }
  if (formSaring) {
    kotakCari.addEventListener("input", function () { terapkanSaringan(true); });
    pilihSaring.addEventListener("change", function () { terapkanSaringan(true); });
    formSaring.addEventListener("submit", function (e) { e.preventDefault(); terapkanSaringan(true); });
    var hapus = formSaring.querySelector("[data-hapus-saring]");
    if (hapus) {
      hapus.addEventListener("click", function (e) {
        e.preventDefault();
        kotakCari.value = "";
        pilihSaring.value = "";
        terapkanSaringan(true);
        hapus.hidden = true;
      });
    }
    terapkanSaringan(false);
  }

  // --- The session's end ---------------------------------------------------------
  var sesiUrl = form.getAttribute("data-sesi-url");
  var timerSesi = null;
  var peringatan = null;
  var AWAL_PERINGATAN = 5 * 60;
  function csrf() { var t = form.querySelector("[name=csrfmiddlewaretoken]"); return t ? t.value : ""; }
  function tunjukkanPeringatan(akhir) {
    if (!peringatan) {
      peringatan = document.createElement("div");
      peringatan.className = "peringatan-sesi";
      peringatan.setAttribute("role", "alert");
      var teks = document.createElement("p");
      var tombol = document.createElement("button");
      tombol.type = "button";
      tombol.className = "tombol tombol-kecil";
      tombol.textContent = "Tetap masuk";
      tombol.addEventListener("click", tetapMasuk);
      peringatan.appendChild(teks);
      peringatan.appendChild(tombol);
      document.body.appendChild(peringatan);
    }
    var jam = akhir.toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" });
    peringatan.firstChild.textContent = "Sesi Anda akan berakhir sekitar pukul " + jam +
      " bila tidak ada aktivitas. Isian yang belum tersimpan tetap tersimpan di peramban ini.";
    peringatan.hidden = false;
  }
  function tetapMasuk() {
    fetch(sesiUrl, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: { "X-CSRFToken": csrf(), Accept: "application/json" }
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (d && d.sisa) { peringatan.hidden = true; jadwalkanSesi(d.sisa); return; }
        peringatan.firstChild.textContent = "Sesi sudah berakhir. Tekan Simpan dan masuk lagi: isian Anda dipulihkan setelah masuk.";
      })
      .catch(function () { /* offline: the warning stays */ });
  }
  function jadwalkanSesi(sisa) {
    clearTimeout(timerSesi);
    var akhir = new Date(Date.now() + sisa * 1000);
    var tunggu = Math.max(0, sisa - AWAL_PERINGATAN) * 1000;
    timerSesi = setTimeout(function () { tunjukkanPeringatan(akhir); }, tunggu);
  }
  var sisaAwal = parseInt(form.getAttribute("data-sesi-sisa"), 10);
  if (sesiUrl && sisaAwal > 0) jadwalkanSesi(sisaAwal);
})();
