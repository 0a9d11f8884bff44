//! What the commands print, honouring `--quiet` and `--verbose`. Output is
//! plain lines: no colours, no spinners, no cursor movement, so it reads the
//! same in a terminal, a CI log and a test that captures it. Progress and
//! summaries go to stdout; problems always go to stderr, even when quiet.

use crate::pipeline::Stages;

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
            println!("{}", text.as_ref());
        }
    }

    /// A problem (stderr, always).
    pub fn problem(&self, text: impl AsRef<str>) {
        eprintln!("{}", text.as_ref());
    }

    /// Each stage's duration (stderr; only with `--verbose`).
    pub fn stages(&self, stages: &Stages) {
        if self.verbose && !self.quiet {
            for line in stages.lines() {
                eprintln!("{line}");
            }
        }
    }
}

/// `1 error`, `2 errors`: counts in messages.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(plural(1, "error", "errors"), "1 error");
        assert_eq!(plural(0, "error", "errors"), "0 errors");
        assert_eq!(plural(3, "file", "files"), "3 files");
    }
}
