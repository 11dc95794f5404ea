//! Build progress: the build names each stage as it starts (`stage`), and the command line shows
//! it as a spinner on a terminal and, with `--verbose`, as a list of stage timings at the end.
//! The build only sees an optional callback, so the library stays free of terminal concerns, and
//! nothing is drawn when stderr is not a terminal (indicatif hides itself there).

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Builds shorter than this show no spinner at all.
const SPINNER_DELAY: Duration = Duration::from_millis(250);

/// Called with a short description of each stage as it starts (`rendering 151 pages`).
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(&str) + Send + Sync>);

impl Progress {
    pub fn new(report: impl Fn(&str) + Send + Sync + 'static) -> Self {
        Progress(Arc::new(report))
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress(..)")
    }
}

/// Reports that a stage starts, when anyone listens.
pub(crate) fn stage(progress: &Option<Progress>, description: &str) {
    if let Some(Progress(report)) = progress {
        report(description);
    }
}

/// The command line's listener: a spinner with the current stage, and the time each stage took.
pub(crate) struct StageTimer {
    bar: Option<ProgressBar>,
    stages: Arc<Mutex<Vec<(String, Instant)>>>,
}

impl StageTimer {
    /// `animate`: draw a spinner (on a terminal; indicatif draws nothing elsewhere).
    pub(crate) fn start(first_stage: &str, animate: bool) -> Self {
        let bar = animate.then(|| {
            // Hidden at first, so a build that is over in a blink does not flash a spinner.
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                bar.set_style(style);
            }
            bar.set_message(first_stage.to_string());
            bar.enable_steady_tick(Duration::from_millis(100));
            let shown = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(SPINNER_DELAY);
                if !shown.is_finished() {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                }
            });
            bar
        });
        StageTimer {
            bar,
            stages: Arc::new(Mutex::new(vec![(first_stage.to_string(), Instant::now())])),
        }
    }

    /// The callback to hand to the build.
    pub(crate) fn progress(&self) -> Progress {
        let bar = self.bar.clone();
        let stages = Arc::clone(&self.stages);
        Progress::new(move |description| {
            if let Some(bar) = &bar {
                bar.set_message(description.to_string());
            }
            if let Ok(mut stages) = stages.lock() {
                stages.push((description.to_string(), Instant::now()));
            }
        })
    }

    /// Clears the spinner and returns how long each stage took, in order.
    pub(crate) fn finish(self) -> Vec<(String, Duration)> {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let end = Instant::now();
        let stages = self.stages.lock().map(|s| s.clone()).unwrap_or_default();
        let ends = stages.iter().skip(1).map(|(_, t)| *t).chain([end]);
        stages
            .iter()
            .zip(ends)
            .map(|((name, start), end)| (name.clone(), end.saturating_duration_since(*start)))
            .collect()
    }
}

/// `--verbose`'s report: one line per stage with its time.
pub(crate) fn timings_report(stages: &[(String, Duration)]) -> String {
    let width = stages
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    stages
        .iter()
        .map(|(name, took)| format!("  {name:<width$}  {:>5} ms\n", took.as_millis()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_every_reported_stage_in_order() {
        let timer = StageTimer::start("reading folio.toml", false);
        let progress = Some(timer.progress());
        stage(&progress, "loading 3 pages");
        stage(&progress, "writing 9 files");
        let names: Vec<String> = timer.finish().into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            ["reading folio.toml", "loading 3 pages", "writing 9 files"]
        );
        stage(&None, "nobody listens");
    }

    #[test]
    fn aligns_the_timings() {
        let report = timings_report(&[
            ("a".into(), Duration::from_millis(3)),
            ("longer".into(), Duration::from_millis(1200)),
        ]);
        assert_eq!(report, "  a           3 ms\n  longer   1200 ms\n");
    }
}
