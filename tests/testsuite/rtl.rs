//! Right-to-left pages in the default theme, as a browser lays them out: an Arabic site
//! (`tests/fixtures/rtl/arabic`) served from 127.0.0.1 and measured in headless Chromium, where
//! the sidebar, the table of contents, an alert's accent and the pager are found by their
//! computed boxes and borders, not by the CSS text.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::chromium::Chromium;
use crate::harness::SiteTest;
use crate::spoofing::browser::{Cdp, StaticServer, page_socket};

/// The longest the whole test may take.
const OVERALL: Duration = Duration::from_secs(90);

/// Wide enough for the sidebar, the main column and the table of contents side by side.
const DESKTOP: (u32, u32) = (1400, 900);

/// A phone, as site-check's mobile check.
const PHONE: (u32, u32) = (375, 800);

/// The boxes and computed styles the assertions need, read once the page has loaded.
const MEASURE: &str = r#"(() => {
  const box = (selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const r = element.getBoundingClientRect();
    return { left: r.left, right: r.right, width: r.width };
  };
  const style = (selector) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element) : null;
  };
  const alert = style(".admonition");
  const arrow = style(".pager-prev .arrow");
  return {
    documentDir: document.dir,
    htmlDir: document.documentElement.getAttribute("dir"),
    rtlRoot: document.querySelector("html[dir=rtl]") !== null,
    main: box("main"),
    sidebar: box(".sidebar"),
    toc: box(".toc"),
    preDirection: style("pre") && style("pre").direction,
    preTextAlign: style("pre") && style("pre").textAlign,
    inlineCodeDirection: style("p code") && style("p code").direction,
    alertLeft: alert && parseFloat(alert.borderLeftWidth),
    alertRight: alert && parseFloat(alert.borderRightWidth),
    prev: box(".pager-prev"),
    next: box(".pager-next"),
    prevArrowTransform: arrow && arrow.transform,
    sidebarBorderLeft: style(".sidebar") && parseFloat(style(".sidebar").borderLeftWidth),
    sidebarBorderRight: style(".sidebar") && parseFloat(style(".sidebar").borderRightWidth),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
})()"#;

/// Opens `path` of the served site and returns what `MEASURE` read.
fn measure(cdp: &mut Cdp, server: &StaticServer, path: &str) -> Value {
    // A load event of the page before must not pass for this one's.
    cdp.take_events();
    cdp.call(
        "Page.navigate",
        json!({ "url": format!("http://{}/{path}", server.address) }),
    )
    .expect("navigate");
    cdp.wait_for("Page.loadEventFired").expect("page load");
    cdp.evaluate(MEASURE).expect("measure")
}

fn edge(measured: &Value, name: &str, side: &str) -> f64 {
    measured[name][side]
        .as_f64()
        .unwrap_or_else(|| panic!("no {name}.{side} in {measured:#}"))
}

/// An Arabic page in Chromium: `<html dir="rtl">`, the sidebar right of the main column and the
/// table of contents left of it on a desktop width, code left to right (blocks and inline), an
/// alert's accent border on its right side, and "previous" on the right with its arrow turned
/// around; and an Arabic page of an English site keeps its layout in order. Needs Chromium (Debian's `chromium` package); run with
/// `cargo test --test testsuite browser_ -- --ignored`.
#[test]
#[ignore = "needs chromium; run with --ignored"]
fn browser_an_arabic_page_is_laid_out_right_to_left() {
    let started = Instant::now();
    let site = SiteTest::fixture("rtl/arabic");
    site.build_ok();
    let server = StaticServer::start(site.root().join("public"));
    let chromium = Chromium::start("about:blank", Duration::from_secs(20));
    let mut cdp = Cdp::connect(&page_socket(&chromium));
    cdp.call("Page.enable", json!({})).expect("Page.enable");
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": DESKTOP.0, "height": DESKTOP.1, "deviceScaleFactor": 1, "mobile": false }),
    )
    .expect("desktop width");

    let first = measure(&mut cdp, &server, "guide/first/");
    assert_eq!(first["documentDir"], "rtl", "{first:#}");
    assert_eq!(first["htmlDir"], "rtl", "{first:#}");
    assert_eq!(first["rtlRoot"], true, "{first:#}");
    assert!(
        edge(&first, "sidebar", "left") >= edge(&first, "main", "right"),
        "the sidebar is not right of the main column: {first:#}"
    );
    assert!(
        edge(&first, "toc", "right") <= edge(&first, "main", "left"),
        "the table of contents is not left of the main column: {first:#}"
    );
    assert_eq!(first["preDirection"], "ltr", "{first:#}");
    assert_eq!(first["preTextAlign"], "left", "{first:#}");
    assert_eq!(first["inlineCodeDirection"], "ltr", "{first:#}");
    let (left, right) = (
        first["alertLeft"].as_f64().unwrap_or_default(),
        first["alertRight"].as_f64().unwrap_or_default(),
    );
    assert!(
        right >= 3.0 && right > left,
        "the alert's accent is not on its right: {first:#}"
    );

    let second = measure(&mut cdp, &server, "guide/second/");
    assert!(
        edge(&second, "prev", "left") >= edge(&second, "next", "right"),
        "the link to the previous page is not on the right: {second:#}"
    );
    let transform = second["prevArrowTransform"].as_str().unwrap_or_default();
    assert!(
        transform.starts_with("matrix(-1"),
        "the previous arrow is not turned around: {second:#}"
    );

    // An Arabic page of an English site: the theme's words stay left to right, the layout
    // follows the page: the sidebar on the right with its rule facing main, and nothing sticks
    // out of a phone's width.
    let mixed = SiteTest::fixture("threads/language");
    mixed.build_ok();
    let server = StaticServer::start(mixed.root().join("public"));
    let page = measure(&mut cdp, &server, "qa/hl-t-lm-jngw/");
    assert_eq!(page["documentDir"], "rtl", "{page:#}");
    assert!(
        edge(&page, "sidebar", "left") >= edge(&page, "main", "right"),
        "the sidebar is not right of the main column: {page:#}"
    );
    assert!(
        page["sidebarBorderLeft"].as_f64() > Some(0.0) && page["sidebarBorderRight"] == 0.0,
        "the sidebar's rule does not face main: {page:#}"
    );
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": PHONE.0, "height": PHONE.1, "deviceScaleFactor": 2, "mobile": true }),
    )
    .expect("phone width");
    let phone = measure(&mut cdp, &server, "qa/hl-t-lm-jngw/");
    // Not innerWidth: a page that sticks out widens the layout viewport with it.
    assert_eq!(
        phone["scrollWidth"], PHONE.0,
        "the page is wider than the phone: {phone:#}"
    );
    assert!(started.elapsed() < OVERALL, "took {:?}", started.elapsed());
}
