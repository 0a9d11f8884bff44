//! What the commands print, honouring `--quiet` and `--verbose`. Output is
//! plain lines: no colours, no spinners, no cursor movement, so it reads the
//! same in a terminal, a CI log and a test that captures it. Progress and
//! summaries go to stdout; problems always go to stderr, even when quiet.
//!
//! A stream that cannot be written (a closed pipe, a full disk behind
//! `> /dev/full`) never panics: the failure is remembered, and the command
//! says so on stderr and exits 1 ([`Output::stdout_failed`]).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::timing::Stages;

static STDOUT_FAILED: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    /// Print nothing on success.
    pub quiet: bool,
    /// Also print each stage's duration.
    pub verbose: bool,
}

impl Output {
    /// A line of progress or the closing summary (stdout; not when quiet).
    pub fn line(&self, text: impl AsRef<str>) {
        if !self.quiet {
            self.data(text);
        }
    }

    /// Output that is the command's result (JSON): stdout, even when quiet.
    pub fn data(&self, text: impl AsRef<str>) {
        if writeln!(std::io::stdout().lock(), "{}", text.as_ref()).is_err() {
            STDOUT_FAILED.store(true, Ordering::Relaxed);
        }
    }

    /// A problem (stderr, always). If stderr itself cannot be written there
    /// is nowhere left to say so; the exit code still tells.
    pub fn problem(&self, text: impl AsRef<str>) {
        let _ = writeln!(std::io::stderr().lock(), "{}", text.as_ref());
    }

    /// Each stage's duration (stderr; only with `--verbose`).
    pub fn stages(&self, stages: &Stages) {
        if self.verbose && !self.quiet {
            for line in stages.lines() {
                self.problem(line);
            }
        }
    }

    /// Whether some output to stdout was lost.
    pub fn stdout_failed(&self) -> bool {
        STDOUT_FAILED.load(Ordering::Relaxed) || std::io::stdout().lock().flush().is_err()
    }
}
