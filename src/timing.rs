//! How long each stage of a run took, for `--verbose` and for the rebuild
//! times `serve` prints.

use std::time::{Duration, Instant};

/// Stage durations in the order the stages first ran; a stage that runs
/// twice (the config is loaded before the rest) adds up.
#[derive(Debug, Clone, Default)]
pub struct Stages(Vec<(&'static str, Duration)>);

impl Stages {
    pub fn new() -> Self {
        Stages(Vec::new())
    }

    /// Run `f` and add its duration to the stage `name`.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = f();
        self.add(name, started.elapsed());
        value
    }

    pub fn add(&mut self, name: &'static str, elapsed: Duration) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += elapsed,
            None => self.0.push((name, elapsed)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Duration)> + '_ {
        self.0.iter().copied()
    }

    /// One line per stage, `  render   12 ms`, for `--verbose`.
    pub fn lines(&self) -> Vec<String> {
        let width = self.0.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        self.0.iter().map(|(name, d)| format!("  {name:<width$}  {:>4} ms", d.as_millis())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_run_twice_adds_up() {
        let mut s = Stages::new();
        s.add("load", Duration::from_millis(2));
        s.add("parse", Duration::from_millis(5));
        s.add("load", Duration::from_millis(3));
        let names: Vec<_> = s.iter().map(|(n, d)| (n, d.as_millis())).collect();
        assert_eq!(names, [("load", 5), ("parse", 5)]);
        assert_eq!(s.lines(), ["  load      5 ms", "  parse     5 ms"]);
    }
}
