// Busy indication while a (possibly large) Lampiran file is uploaded and checked.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.form-impor").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[type=submit]").forEach(function (tombol) {
        tombol.disabled = true;
      });
      var sibuk = form.querySelector(".sedang-proses");
      if (sibuk) {
        sibuk.hidden = false;
      }
      document.body.setAttribute("aria-busy", "true");
    });
  });
});
