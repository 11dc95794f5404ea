// folio serve: live reload and the build-error overlay. Served only by `folio serve`, at
// /__folio/live.js; the built site never contains it. No inline styles or scripts, so pages
// with a strict Content-Security-Policy work too.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = Number(new URL(me ? me.src : location.href).searchParams.get("build") || 0);
  var scrollKey = "folio-serve-scroll:" + location.pathname;

  function restoreScroll() {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved === null) return;
    sessionStorage.removeItem(scrollKey);
    try {
      var at = JSON.parse(saved);
      window.scrollTo(at.x, at.y);
    } catch (e) { /* a stale or foreign value: keep the browser's position */ }
  }

  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    location.reload();
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin || url.pathname.indexOf("/__folio/") === 0) return;
      url.searchParams.set("folio-serve", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", function () { link.remove(); });
      fresh.addEventListener("error", function () { link.remove(); });
      link.after(fresh);
    });
  }

  function overlayStylesheet() {
    if (document.getElementById("folio-overlay-css")) return;
    var link = document.createElement("link");
    link.id = "folio-overlay-css";
    link.rel = "stylesheet";
    link.href = "/__folio/overlay.css";
    document.head.appendChild(link);
  }

  function hideErrors() {
    var old = document.getElementById("folio-overlay");
    if (old) old.remove();
  }

  function span(className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  // The diagnostic as the terminal prints it, with its first line (`path:line:col: error[F0106]:
  // message`) in parts so the severity and the stable code stand out.
  function errorBlock(error) {
    var pre = document.createElement("pre");
    pre.className = "folio-overlay-" + error.severity;
    if (error.code) pre.setAttribute("data-code", error.code);
    var where = error.path + ":" + (error.line ? error.line + ":" + error.col + ":" : "");
    var level = error.severity + (error.code ? "[" + error.code + "]" : "");
    var head = where + " " + level + ": " + error.message;
    if (error.text.indexOf(head) !== 0) {
      pre.textContent = error.text;
      return pre;
    }
    pre.appendChild(span("folio-overlay-where", where));
    pre.appendChild(document.createTextNode(" "));
    var severity = span("folio-overlay-severity", error.severity);
    if (error.code) {
      severity.appendChild(document.createTextNode("["));
      severity.appendChild(span("folio-overlay-code", error.code));
      severity.appendChild(document.createTextNode("]"));
    }
    pre.appendChild(severity);
    pre.appendChild(document.createTextNode(": " + error.message + error.text.slice(head.length)));
    return pre;
  }

  function showErrors(errors) {
    hideErrors();
    if (!errors || errors.length === 0) return;
    overlayStylesheet();
    var overlay = document.createElement("div");
    overlay.id = "folio-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "folio: the build failed");
    var box = document.createElement("div");
    box.className = "folio-overlay-box";
    var title = document.createElement("h2");
    title.textContent = "The build failed with " + errors.length + " error" +
      (errors.length === 1 ? "" : "s") + "; this page is from the last good build.";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hideErrors);
    box.appendChild(close);
    box.appendChild(title);
    errors.forEach(function (error) {
      box.appendChild(errorBlock(error));
    });
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  restoreScroll();
  fetch("/__folio/errors", { cache: "no-store" })
    .then(function (r) { return r.json(); })
    .then(showErrors)
    .catch(function () { /* the server stopped; nothing to show */ });

  var events = new EventSource("/__folio/events");
  events.addEventListener("hello", function (e) {
    if (Number(e.data) !== build) reload();
  });
  // "BUILD PATH..." : the listed pages were written (as build BUILD - 1) ahead of the rest
  // of build BUILD, so one of them already showing that build is current.
  events.addEventListener("reload", function (e) {
    var parts = String(e.data).split(" ");
    var next = Number(parts[0]);
    if (build === next - 1 && parts.slice(1).indexOf(location.pathname) !== -1) {
      build = next;
      return;
    }
    reload();
  });
  events.addEventListener("css", function (e) {
    build = Number(e.data);
    swapStylesheets();
  });
  events.addEventListener("errors", function (e) {
    showErrors(JSON.parse(e.data));
  });
})();
