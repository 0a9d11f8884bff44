//! What installs beside the binary: shell completions (clap_complete) and
//! the manual page (clap_mangen), both generated from the command line's
//! own definition, so they never disagree with `--help`.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;

/// `baspa completions <shell>`: the script on stdout.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "baspa", &mut out);
    print(&out)
}

/// `baspa man`: the manual page, in roff, on stdout.
pub fn man() -> ExitCode {
    let mut out = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        Ok(()) => print(&out),
        Err(e) => {
            eprintln!("error: cannot write the manual page: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print(bytes: &[u8]) -> ExitCode {
    // A closed pipe (`baspa man | head`) is not an error worth a message.
    match std::io::stdout().lock().write_all(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            ExitCode::FAILURE
        }
    }
}
