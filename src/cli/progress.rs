//! A progress bar on standard error for long runs, only when a person is
//! watching it and it cannot garble the results: standard error is a
//! terminal, standard output is not (results on the screen would be
//! interleaved with the bar), and `--quiet` is not given.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// More files than this get a bar.
pub const FEW_FILES: usize = 8;

pub struct Progress(Option<ProgressBar>);

/// What the bar counts.
pub enum Unit {
    Files(u64),
    /// Bytes of the inputs, when known (not for standard input).
    Bytes(Option<u64>),
}

impl Progress {
    pub fn new(quiet: bool, unit: Unit) -> Progress {
        if quiet || !std::io::stderr().is_terminal() || std::io::stdout().is_terminal() {
            return Progress(None);
        }
        let (bar, template) = match unit {
            Unit::Files(n) => (
                ProgressBar::new(n),
                "{bar:40} {pos}/{len} files, {per_sec}, {eta} left",
            ),
            Unit::Bytes(Some(n)) => (
                ProgressBar::new(n),
                "{bar:40} {bytes}/{total_bytes}, {binary_bytes_per_sec}, {msg}, {eta} left",
            ),
            Unit::Bytes(None) => (
                ProgressBar::no_length(),
                "{spinner} {bytes}, {binary_bytes_per_sec}, {msg}",
            ),
        };
        // Templates are constants; a bad one would only lose the style.
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.set_draw_target(ProgressDrawTarget::stderr());
        Progress(Some(bar))
    }

    pub fn set_position(&self, n: u64) {
        if let Some(bar) = &self.0 {
            bar.set_position(n);
        }
    }

    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(n);
        }
    }

    pub fn message(&self, msg: String) {
        if let Some(bar) = &self.0 {
            bar.set_message(msg);
        }
    }

    /// Prints an error line on standard error without breaking the bar.
    pub fn error(&self, msg: &str) {
        match &self.0 {
            Some(bar) => bar.suspend(|| eprintln!("claimtrace: error: {msg}")),
            None => eprintln!("claimtrace: error: {msg}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
