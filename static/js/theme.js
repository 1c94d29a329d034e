// Follow the system's light or dark setting; loaded in <head> so pages never flash.
(function () {
  "use strict";
  var root = document.documentElement;
  var query = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    root.setAttribute("data-bs-theme", query.matches ? "dark" : "light");
  }
  apply();
  query.addEventListener("change", apply);
})();
