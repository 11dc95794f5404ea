//! One integration-test binary: a module per feature, sharing the `SiteTest` harness.

mod cli_errors;
mod harness;
mod highlight;
mod output;
mod pages;
mod sample;
#[cfg(unix)]
mod serve;
mod threads;
