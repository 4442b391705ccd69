// The review queue acts in place: a row's Verifikasi or Kembalikan posts with
// fetch and the row says what happened, so the page keeps its place. Without
// this script (or when the request fails to arrive) the forms post as usual
// and the server shows the queue again at the next row.
(function () {
  "use strict";
  var jumlah = document.querySelector("[data-jumlah-antrean]");
  function tulis(butir, teks, ok) {
    var p = butir.querySelector(".hasil-reviu");
    p.textContent = teks;
    p.hidden = false;
    p.className = "hasil-reviu " + (ok ? "hasil-ok" : "galat");
  }
  // "Verifikasi semua yang ditampilkan" covers the rows still waiting only.
  var semua = document.querySelector("form.verifikasi-semua");
  function lepasDariSemua(pk) {
    if (!semua) return;
    Array.prototype.forEach.call(semua.querySelectorAll("input"), function (el) {
      if ((el.name === "pilih" && el.value === pk) || el.name === "versi-" + pk) el.remove();
    });
    var sisa = semua.querySelectorAll("input[name=pilih]").length;
    if (!sisa) { semua.hidden = true; return; }
    semua.setAttribute("data-konfirmasi", "Verifikasi " + sisa + " indikator yang ditampilkan?");
    semua.querySelector("button").textContent = "Verifikasi semua yang ditampilkan (" + sisa + ")";
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute || !form.hasAttribute("data-antrean") || e.defaultPrevented) return;
    if (!window.fetch || !window.FormData) return;
    e.preventDefault();
    var butir = form.closest(".butir-reviu");
    var tombol = butir.querySelectorAll("button");
    Array.prototype.forEach.call(tombol, function (b) { b.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json" }
    })
      .then(function (r) {
        if (r.type === "opaqueredirect" || r.status === 403) { form.submit(); return null; }
        return r.json();
      })
      .then(function (d) {
        if (!d) return;
        var aksi = butir.querySelector(".aksi-reviu");
        // The row keeps its height, so nothing below it moves and the page keeps its place.
        aksi.style.minHeight = aksi.offsetHeight + "px";
        tulis(butir, d.pesan, d.ok);
        if (d.ok) {
          butir.classList.add("butir-selesai");
          Array.prototype.forEach.call(butir.querySelectorAll("form[data-antrean]"), function (f) { f.hidden = true; });
          if (jumlah) jumlah.textContent = Math.max(0, parseInt(jumlah.textContent, 10) - 1);
          lepasDariSemua(butir.getAttribute("data-nilai"));
        } else {
          Array.prototype.forEach.call(tombol, function (b) { b.disabled = false; });
        }
      })
      .catch(function () { form.submit(); });
  });
})();
