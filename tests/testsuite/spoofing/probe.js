/* Runs in one page of the hostile site (see browser.rs), as a promise for Runtime.evaluate:
 * fires every event on every element inside a post, clicks every link, button and Copy button,
 * then reports what ran, where the page went, which script URLs survived and which Copy button
 * copies text that is not shown. */
(async function () {
  "use strict";
  var XLINK = "http://www.w3.org/1999/xlink";
  var BAD = { "javascript:": true, "data:": true, "vbscript:": true };
  var EVENTS = [
    "mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "mouseout", "mouseleave",
    "click", "dblclick", "auxclick", "contextmenu", "pointerover", "pointerenter", "pointerdown",
    "pointerup", "touchstart", "touchend", "focus", "focusin", "blur", "focusout", "keydown",
    "keypress", "keyup", "beforeinput", "input", "change", "select", "invalid", "search", "wheel",
    "scroll", "copy", "cut", "paste", "drag", "dragstart", "dragend", "drop", "animationstart",
    "animationiteration", "animationend", "transitionend", "toggle", "load", "error", "abort",
    "begin", "end", "repeat", "play", "playing", "loadstart", "canplay", "show", "beforetoggle"
  ];
  var report = { start: location.href, ran: [], left: null, urls: [], copies: [], navigations: [] };

  function sleep(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }
  function hrefOf(el) { return el.getAttribute("href") || el.getAttributeNS(XLINK, "href") || ""; }
  function scheme(value) {
    try { return new URL(value, document.baseURI).protocol; } catch (e) { return "invalid:"; }
  }
  function describe(el) { return el.outerHTML.slice(0, 200); }

  /* The bodies of posts and summaries, as in findings() of spoofing.rs; nested look-alikes
     written by a contributor are inside one already. */
  var all = Array.prototype.slice.call(document.querySelectorAll(
    ".post-main > .prose, li.reply > .reply-body, li.entry > .entry-text"));
  var containers = all.filter(function (c) {
    return !all.some(function (o) { return o !== c && o.contains(c); });
  });
  var elements = [];
  containers.forEach(function (c) {
    elements.push.apply(elements, Array.prototype.slice.call(c.querySelectorAll("*")));
  });

  /* A link may run its javascript: URL (that is the test); any other link, and every form,
     stays on this page. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a, area") : null;
    if (link && scheme(hrefOf(link)) !== "javascript:") event.preventDefault();
  }, true);
  document.addEventListener("submit", function (event) {
    event.preventDefault();
    report.navigations.push("a form was submitted to " + event.target.action);
  }, true);
  window.open = function (url) { report.navigations.push("window.open(" + url + ")"); return null; };
  var copied = [];
  Object.defineProperty(navigator, "clipboard", {
    configurable: true,
    value: { writeText: function (text) { copied.push(text); return Promise.resolve(); } }
  });

  elements.forEach(function (el) {
    ["href", "src", "srcset", "action", "formaction", "data", "poster", "background"]
      .forEach(function (name) {
        var value = el.getAttribute(name);
        if (value !== null && BAD[scheme(value)]) report.urls.push(name + " of " + describe(el));
      });
    var xlink = el.getAttributeNS(XLINK, "href");
    if (xlink !== null && BAD[scheme(xlink)]) report.urls.push("xlink:href of " + describe(el));
  });

  elements.forEach(function (el) {
    EVENTS.forEach(function (type) {
      try { el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true })); } catch (e) { }
    });
    if (typeof el.focus === "function") el.focus();
    if (el.localName === "details") el.open = !el.open;
  });
  for (var i = 0; i < elements.length; i++) {
    var el = elements[i];
    if (["a", "area", "button", "input", "summary", "label"].indexOf(el.localName) >= 0) {
      el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
      await sleep(10); /* a javascript: URL runs in a task of its own */
    }
  }
  await sleep(200);

  /* What a Copy button copies must be on the screen: every copied line is part of the text the
     block shows (a console block shows its prompt, which is not copied). */
  function shown(el, root) {
    for (var e = el; e && e !== root; e = e.parentElement) {
      var style = getComputedStyle(e);
      var box = e.getBoundingClientRect();
      if (style.display === "none" || style.visibility !== "visible" || +style.opacity === 0 ||
          style.clip !== "auto" || style.clipPath !== "none" || parseFloat(style.fontSize) === 0 ||
          (box.width < 2 && box.height < 2)) return false;
    }
    return true;
  }
  function visibleText(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var text = "";
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (shown(node.parentElement, root)) text += node.data;
    }
    return text;
  }
  var figures = [];
  containers.forEach(function (c) {
    figures.push.apply(figures, Array.prototype.slice.call(c.querySelectorAll("figure.code-block")));
  });
  for (var f = 0; f < figures.length; f++) {
    var figure = figures[f];
    var button = figure.querySelector("button.copy-button");
    if (!button) {
      report.copies.push("a code block without a Copy button: " + describe(figure));
      continue;
    }
    copied.length = 0;
    button.click();
    await sleep(0);
    var text = copied.join("");
    var visible = visibleText(figure.querySelector("pre") || figure);
    var unseen = text.split("\n").map(function (l) { return l.trim(); })
      .filter(function (l) { return l && visible.indexOf(l) < 0; });
    if (!copied.length || unseen.length) {
      report.copies.push("the Copy button copies " + JSON.stringify(text) + " but the block shows " +
        JSON.stringify(visible));
    }
  }

  report.posts = containers.length;
  report.ran = window.__xss ? window.__xss.slice() : ["the xss() helper is missing"];
  report.left = location.href === report.start ? null : location.href;
  report.secure = window.isSecureContext;
  return report;
})()
