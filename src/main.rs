//! Thin binary: parse the command line, call the library, print the result,
//! exit 0 on success, 1 on errors in the report, 2 on usage errors (clap).

mod cli;
mod cmd;
mod manual;

use std::process::ExitCode;

use clap::Parser;

use baspa::output::Output;
use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output { quiet: cli.quiet, verbose: cli.verbose };
    let code = match cli.command {
        Command::Build(args) => cmd::build(args, out),
        Command::Serve(args) => cmd::serve(args, out),
        Command::Check(args) => cmd::check(args, out),
        Command::New(args) => cmd::new(args, out),
        Command::Completions { shell } => manual::completions(shell),
        Command::Man => manual::man(),
    };
    cmd::finish(code, &out)
}
