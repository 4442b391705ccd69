// The narrative page: each section is its own form. Saving one reloads the
// page, so what was typed in the other sections and not yet saved is kept in
// this tab's sessionStorage and put back after the reload (with the
// fingerprints of what the page showed, so the server still detects a
// conflict when someone else saved that section meanwhile).
(function () {
  var skrip = document.currentScript;
  var kunci = skrip.dataset.kunci;
  var forms = Array.prototype.slice.call(document.querySelectorAll("form.form-narasi"));
  var awal = {};
  forms.forEach(function (f) {
    var teks = f.querySelector("textarea");
    awal[f.dataset.bagian] = teks.value;
  });

  var simpanan = null;
  try { simpanan = JSON.parse(window.sessionStorage.getItem(kunci) || "null"); } catch (e) { simpanan = null; }
  window.sessionStorage.removeItem(kunci);
  if (simpanan) {
    var dipulihkan = [];
    forms.forEach(function (f) {
      var isi = simpanan[f.dataset.bagian];
      if (!isi) return;
      f.querySelector("textarea").value = isi.teks;
      // The fingerprints of what the page showed when it was typed: if someone
      // else saved the section since, saving it gives the conflict message.
      f.querySelector("[name^=tampil-]").value = isi.tampil;
      f.querySelector("[name^=asal-]").value = isi.asal;
      var details = f.closest("details");
      if (details) details.open = true;
      dipulihkan.push(f.querySelector("label").textContent.trim());
    });
    if (dipulihkan.length) {
      var pesan = document.querySelector("[data-pesan-pulih]");
      pesan.textContent = "Isian yang belum disimpan dipulihkan: " + dipulihkan.join("; ") +
        ". Periksa lalu simpan bagiannya.";
      pesan.hidden = false;
    }
  }

  forms.forEach(function (f) {
    f.addEventListener("submit", function () {
      var lain = {};
      forms.forEach(function (g) {
        if (g === f) return;
        var teks = g.querySelector("textarea").value;
        if (teks !== awal[g.dataset.bagian]) {
          lain[g.dataset.bagian] = {
            teks: teks,
            tampil: g.querySelector("[name^=tampil-]").value,
            asal: g.querySelector("[name^=asal-]").value
          };
        }
      });
      if (Object.keys(lain).length) window.sessionStorage.setItem(kunci, JSON.stringify(lain));
    });
  });
})();
