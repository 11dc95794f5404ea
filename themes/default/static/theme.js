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

/* Copy buttons on code blocks. The copied text leaves out what is not code: line numbers (CSS
 * generated, never in the text), shell prompts and output in console blocks, diff markers and
 * removed lines in diff blocks. "Copied" is announced to screen readers through a live region. */
(function () {
  "use strict";

  function codeText(figure) {
    var lines = figure.querySelectorAll(".line");
    if (!lines.length) return figure.querySelector("code").textContent;
    var console = figure.classList.contains("code-console");
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (console && !line.classList.contains("console-command")) continue;
      if (line.classList.contains("diff-del")) continue;
      var text = "";
      for (var node = line.firstChild; node; node = node.nextSibling) {
        var skip = node.nodeType === 1 && (node.classList.contains("hl-prompt") || node.classList.contains("hl-diff-marker"));
        if (!skip) text += node.textContent;
      }
      out.push(text);
    }
    return out.join("\n") + "\n";
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var figures = document.querySelectorAll("figure.code-block");
    if (!figures.length) return;
    /* The button's words come translated on <body> (data-copy...). Where the translation files
       had none for the page's language, the theme's words carry the language they fell back to
       in a lang attribute (see base.html): the button and its message are theme words too. */
    var words = document.body.dataset;
    var say = function (key, fallback) { return words[key] || fallback; };
    var header = document.querySelector(".site-header[lang]");
    var uiLang = header ? header.getAttribute("lang") : "";
    var uiDir = header ? header.getAttribute("dir") : "";
    var status = document.createElement("div");
    if (uiLang) status.setAttribute("lang", uiLang);
    if (uiDir) status.setAttribute("dir", uiDir);
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    document.body.appendChild(status);

    Array.prototype.forEach.call(figures, function (figure) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      if (uiLang) button.setAttribute("lang", uiLang);
      if (uiDir) button.setAttribute("dir", uiDir);
      button.textContent = say("copy", "Copy");
      var lang = figure.getAttribute("data-lang");
      button.setAttribute("aria-label", lang
        ? say("copyLanguageCode", "Copy {language} code").replace("{language}", lang)
        : say("copyCode", "Copy code"));
      button.addEventListener("click", function () {
        copy(codeText(figure)).then(function () {
          button.textContent = say("copied", "Copied");
          button.classList.add("is-copied");
          status.textContent = say("copied", "Copied");
          setTimeout(function () {
            button.textContent = say("copy", "Copy");
            button.classList.remove("is-copied");
            status.textContent = "";
          }, 2000);
        }, function () {
          status.textContent = say("copyFailed", "Copying failed");
        });
      });
      figure.classList.add("has-copy");
      figure.appendChild(button);
    });
  });
  /* Search boxes need JavaScript, so they are shown here; search.js (and the index) loads the
     first time one is used: focused, or "/" or Ctrl+K pressed anywhere. */
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-search]");
    if (!boxes.length) return;
    var loading = null;
    function load() {
      if (loading) return;
      loading = document.createElement("script");
      loading.src = boxes[0].getAttribute("data-search-script");
      document.head.appendChild(loading);
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-search], [data-search-show]"), function (el) {
      el.hidden = false;
    });
    Array.prototype.forEach.call(boxes, function (box) {
      box.addEventListener("focusin", load);
    });
    document.addEventListener("keydown", function (e) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
      var slash = e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey;
      var ctrlK = (e.ctrlKey || e.metaKey) && (e.key === "k" || e.key === "K");
      if (!slash && !ctrlK) return;
      var input = boxes[0].querySelector("input");
      if (!input || input.offsetParent === null) return;
      e.preventDefault();
      input.focus();
    });
  });
})();
