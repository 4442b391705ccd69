// The Lampiran import page: an upload shows how far it has got (a 10 MB file on
// a slow office line takes a while), then that the server is checking it; the
// confirmation shows that the import runs. Without script the forms post as usual.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.form-impor").forEach(function (form) {
    var berkas = form.querySelector("input[type=file]");
    var kemajuan = form.querySelector(".kemajuan-unggah");
    form.addEventListener("submit", function (event) {
      var tombol = form.querySelectorAll("input[type=submit]");
      tombol.forEach(function (t) { t.disabled = true; });
      document.body.setAttribute("aria-busy", "true");
      if (!berkas || !kemajuan || !window.FormData || !berkas.files.length) {
        var sibuk = form.querySelector(".sedang-proses");
        if (sibuk) { sibuk.hidden = false; }
        return;
      }
      event.preventDefault();
      var batang = kemajuan.querySelector("progress");
      var teks = kemajuan.querySelector(".teks-kemajuan");
      kemajuan.hidden = false;
      teks.textContent = "Mengunggah… 0%";
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          var persen = Math.floor((e.loaded / e.total) * 100);
          batang.value = persen;
          teks.textContent = "Mengunggah… " + persen + "%";
        }
      });
      xhr.upload.addEventListener("load", function () {
        batang.removeAttribute("value"); // indeterminate: the server is working
        teks.textContent = "Berkas terunggah; sedang dibaca dan diperiksa… mohon tunggu.";
      });
      xhr.addEventListener("load", function () {
        // The answer is the page the form would have shown: the preview or the problems.
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener("error", function () {
        teks.textContent = "Unggahan terputus. Periksa sambungan, lalu coba lagi.";
        tombol.forEach(function (t) { t.disabled = false; });
        document.body.removeAttribute("aria-busy");
      });
      xhr.send(new FormData(form));
    });
  });
});
