//! The safety net under every run: a panic is a bug in baspa, never the
//! answer to bad input, but should one happen, the user gets an error to
//! report instead of exit code 101, and `serve` keeps its rebuild thread.

use crate::error::{Diagnostic, Diagnostics};

/// Run `f`, turning a panic — a bug in baspa, never an answer to bad input —
/// into an error the user can report, instead of exit code 101 (and, in
/// `serve`, a dead rebuild thread).
pub fn guarded<T>(f: impl FnOnce() -> Result<T, Diagnostics>) -> Result<T, Diagnostics> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_default();
        let d = Diagnostic::run(format!("internal error: {what}"));
        Err(d.with_hint("this is a bug in baspa, not in the report: please report it with the files that cause it").into())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_becomes_an_error_to_report() {
        let result: Result<(), _> = super::guarded(|| panic!("index out of bounds"));
        let errors = result.unwrap_err().into_sorted();
        assert_eq!(errors[0].headline(), "internal error: index out of bounds");
        assert!(errors[0].hint.as_deref().is_some_and(|h| h.contains("bug in baspa")));
    }
}
