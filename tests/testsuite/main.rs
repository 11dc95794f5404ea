//! One integration-test binary: a module per feature, sharing the `SiteTest` harness.

mod check;
mod chromium;
mod cli_errors;
mod formats;
mod fuzz;
mod harness;
mod highlight;
mod incremental;
mod languages;
mod output;
mod pages;
mod rtl;
mod sample;
mod scaffold;
mod search;
mod search_stem;
#[cfg(unix)]
mod serve;
mod spoofing;
mod structure;
mod threads;
