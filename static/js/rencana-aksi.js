// Progress grid of the Rencana Aksi: Enter moves down the same column, as in the
// entry grids (Shift+Enter moves up); Tab keeps its usual order across the row.
(function () {
  "use strict";
  var form = document.getElementById("form-kemajuan");
  if (!form) return;
  var KOLOM = ["kolom-realisasi", "kolom-status", "kolom-keterangan"];
  form.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.isComposing) return;
    var el = e.target;
    var kelas = KOLOM.filter(function (k) { return el.classList.contains(k); })[0];
    if (!kelas) return;
    e.preventDefault();
    var semua = Array.prototype.slice.call(form.querySelectorAll("." + kelas));
    var i = semua.indexOf(el) + (e.shiftKey ? -1 : 1);
    if (i >= 0 && i < semua.length) {
      semua[i].focus();
      if (semua[i].select) semua[i].select();
    }
  });
})();
