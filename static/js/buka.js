// Reopening a locked year: the preview under the list says which entries
// become editable again as they are ticked (the confirmation dialog shows it
// too); without this script the server's confirmation page lists them.
(function () {
  "use strict";
  var form = document.getElementById("form-buka");
  if (!form) return;
  var kotak = Array.prototype.slice.call(form.querySelectorAll("input[name=pilih]"));
  var pratinjau = form.querySelector("[data-pratinjau]");
  function ke() {
    var r = form.querySelector("input[name=ke]:checked");
    return r ? r.parentNode.textContent.trim() : "";
  }
  function tulis() {
    var kode = kotak.filter(function (k) { return k.checked; }).map(function (k) { return k.getAttribute("data-kode"); });
    if (!kode.length) {
      pratinjau.textContent = "belum ada indikator yang dicentang; semua tetap diverifikasi.";
      return;
    }
    var daftar = kode.slice(0, 12).join(", ") + (kode.length > 12 ? " dan " + (kode.length - 12) + " lainnya" : "");
    pratinjau.textContent = kode.length + " indikator dapat diubah lagi (" + daftar + "); statusnya menjadi: " +
      ke() + ". Indikator lain tetap diverifikasi.";
  }
  function setel(nilai) { kotak.forEach(function (k) { k.checked = nilai; }); tulis(); }
  var semua = form.querySelector("[data-pilih-semua]");
  var kosong = form.querySelector("[data-pilih-kosong]");
  if (kotak.length) {
    semua.hidden = false;
    kosong.hidden = false;
    semua.addEventListener("click", function () { setel(true); });
    kosong.addEventListener("click", function () { setel(false); });
  }
  form.addEventListener("change", tulis);
  tulis();
})();
