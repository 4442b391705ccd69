// Realisasi grid: Tab/Enter move down the realisasi column, and capaian and
// kategori follow what is typed. The numbers come from the server (the same
// formula that saves), fetched after a short pause in typing.
(function () {
  "use strict";
  var form = document.getElementById("form-entri");
  if (!form) return;
  var url = form.getAttribute("data-capaian-url");
  var inputs = Array.prototype.slice.call(form.querySelectorAll(".input-realisasi"));
  var timers = {};

  function pindah(input, arah) {
    var i = inputs.indexOf(input) + arah;
    if (i >= 0 && i < inputs.length) {
      inputs[i].focus();
      inputs[i].select();
      return true;
    }
    return false;
  }

  function perbarui(input) {
    var baris = input.closest("tr");
    var id = baris.getAttribute("data-indikator");
    var q = "?indikator=" + encodeURIComponent(id) + "&realisasi=" + encodeURIComponent(input.value);
    fetch(url + q, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) return;
        baris.querySelector(".sel-capaian").textContent = d.capaian;
        var sel = baris.querySelector(".sel-kategori");
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
        input.setAttribute("aria-invalid", d.galat ? "true" : "false");
        input.title = d.galat || (d.perlu_analisis ? "Capaian di atas 100%: isi analisis." : "");
        var teks = baris.nextElementSibling;
        if (d.perlu_analisis && teks) {
          var det = teks.querySelector("details");
          if (det) det.open = true;
        }
      })
      .catch(function () { /* the save recomputes anyway */ });
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
    var baris = data.getData("text").replace(/\r/g, "").split("\n");
    if (baris.length > 1 && baris[baris.length - 1] === "") baris.pop();
    if (baris.length < 2 && baris[0].indexOf("\t") < 0) return; // one value: the browser pastes it
    e.preventDefault();
    var awal = inputs.indexOf(input);
    var terisi = 0;
    baris.forEach(function (teks, k) {
      var sasaran = inputs[awal + k];
      if (!sasaran) return;
      sasaran.value = teks.split("\t")[0].trim();
      sasaran.dispatchEvent(new Event("input", { bubbles: true }));
      terisi += 1;
    });
    var sisa = baris.length - terisi;
    pesan.textContent = terisi + " nilai ditempel ke baris berurutan mulai dari baris ini." +
      (sisa > 0 ? " " + sisa + " nilai terakhir tidak ditempel: tidak ada baris lagi." : "") +
      " Periksa, lalu simpan.";
  }

  inputs.forEach(function (input) {
    input.addEventListener("paste", function (e) { tempel(input, e); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || (e.key === "Tab" && !e.altKey && !e.ctrlKey)) {
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

  // Leaving with unsaved changes loses them: ask first.
  var berubah = false;
  form.addEventListener("input", function () { berubah = true; });
  form.addEventListener("submit", function () { berubah = false; });
  window.addEventListener("beforeunload", function (e) {
    if (berubah) { e.preventDefault(); e.returnValue = ""; }
  });
})();
