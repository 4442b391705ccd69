// The "Cetak" button: the browser's print dialog, with the print stylesheet
// (app.css, @media print). Without script the button stays hidden; the
// browser's own Print command prints the same.
document.querySelectorAll("[data-cetak]").forEach(function (tombol) {
  tombol.hidden = false;
  tombol.addEventListener("click", function () {
    window.print();
  });
});
