// Irreversible steps ask first, in the page: a form (or its submit button)
// with data-konfirmasi="question" opens a <dialog>; "Ya" posts it with
// konfirmasi=1. data-ringkasan="#id" adds that element's content (a summary)
// to the dialog. Without this script the server asks on a page of its own.
(function () {
  "use strict";
  var dialog = null;
  function buatDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "dialog-konfirmasi";
    dialog.setAttribute("aria-labelledby", "dialog-konfirmasi-judul");
    dialog.innerHTML = '<h2 id="dialog-konfirmasi-judul"></h2><div class="dialog-ringkasan"></div>' +
      '<div class="dialog-tombol"><button type="button" class="tombol" data-ya></button>' +
      '<button type="button" class="tombol tombol-sekunder" data-batal>Batal</button></div>';
    document.body.appendChild(dialog);
    dialog.querySelector("[data-batal]").addEventListener("click", function () { dialog.close(); });
  }
  function tanya(sumber, lanjut) {
    if (!dialog) buatDialog();
    dialog.querySelector("h2").textContent = sumber.getAttribute("data-konfirmasi");
    var ringkasan = dialog.querySelector(".dialog-ringkasan");
    ringkasan.textContent = "";
    var pilih = sumber.getAttribute("data-ringkasan");
    var isi = pilih && document.querySelector(pilih);
    if (isi) ringkasan.appendChild(isi.content ? isi.content.cloneNode(true) : isi.cloneNode(true));
    var ya = dialog.querySelector("[data-ya]");
    ya.textContent = sumber.getAttribute("data-tombol") || "Ya, lanjutkan";
    ya.onclick = function () { dialog.close(); lanjut(); };
    dialog.showModal();
    dialog.querySelector("[data-batal]").focus();
  }
  function tambah(form, nama, nilai) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = nama;
    input.value = nilai;
    form.appendChild(input);
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var tombol = e.submitter;
    var sumber = tombol && tombol.hasAttribute("data-konfirmasi") ? tombol
      : (form.hasAttribute("data-konfirmasi") ? form : null);
    if (!sumber || form.querySelector("input[name=konfirmasi]")) return;
    e.preventDefault();
    tanya(sumber, function () {
      tambah(form, "konfirmasi", "1");
      if (tombol && tombol.name) tambah(form, tombol.name, tombol.value);
      form.submit();
    });
  }, true);
})();
