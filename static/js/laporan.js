// A PDF is built when asked for and may take several seconds: say so next to
// the link that was clicked, so nobody clicks again thinking nothing happened.
document.addEventListener("click", function (event) {
  var tautan = event.target.closest("a.unduh-pdf");
  if (!tautan || tautan.dataset.menunggu) return;
  tautan.dataset.menunggu = "1";
  var catatan = document.createElement("span");
  catatan.className = "menyiapkan";
  catatan.setAttribute("role", "status");
  catatan.textContent = " sedang disiapkan…";
  tautan.after(catatan);
  window.setTimeout(function () {
    catatan.remove();
    delete tautan.dataset.menunggu;
  }, 15000);
});
