/* folio default theme: colour scheme toggle and mobile sidebar.
 * Loaded as a blocking <script src> in <head> so the stored scheme is applied before first paint.
 * No inline scripts are needed, so a strict Content-Security-Policy works. */
(function () {
  "use strict";

  var KEY = "folio-theme";
  var root = document.documentElement;
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var choice = read();

  function read() {
    try {
      var v = window.localStorage.getItem(KEY);
      return v === "dark" || v === "light" ? v : null;
    } catch (e) {
      return null;
    }
  }

  function save(v) {
    try {
      window.localStorage.setItem(KEY, v);
    } catch (e) { /* storage disabled: the choice lasts for this page only */ }
  }

  function system() {
    return dark && dark.matches ? "dark" : "light";
  }

  function current() {
    return choice || system();
  }

  /* Until the reader picks a scheme there is no data-theme attribute: the CSS follows
     prefers-color-scheme. A stored choice is applied as data-theme="light" or "dark". */
  function apply() {
    if (choice) root.setAttribute("data-theme", choice);
    else root.removeAttribute("data-theme");
    var buttons = document.querySelectorAll("[data-theme-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    }
  }

  root.classList.add("js");
  apply();

  function listen(query, fn) {
    if (!query) return;
    if (query.addEventListener) query.addEventListener("change", fn);
    else if (query.addListener) query.addListener(fn);
  }

  listen(dark, apply);

  document.addEventListener("DOMContentLoaded", function () {
    apply();

    var buttons = document.querySelectorAll("[data-theme-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () {
        choice = current() === "dark" ? "light" : "dark";
        save(choice);
        apply();
      });
    }

    /* The sidebar is an open <details>; collapse it on narrow screens, keep it open on wide ones. */
    var sidebar = document.querySelector("[data-sidebar]");
    var narrow = window.matchMedia ? window.matchMedia("(max-width: 55.99rem)") : null;
    if (sidebar && narrow) {
      var fit = function () { sidebar.open = !narrow.matches; };
      fit();
      listen(narrow, fit);
    }
  });

  /* Another tab changed the choice. */
  window.addEventListener("storage", function (e) {
    if (e.key === KEY) {
      choice = read();
      apply();
    }
  });
})();
