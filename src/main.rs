//! Thin binary: parse the command line, call the library, print the result,
//! exit 0 on success, 1 on errors in the report, 2 on usage errors (clap).

mod cli;

use std::process::ExitCode;

use clap::Parser;

use baspa::BuildOptions;
use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let out = if args.out.is_absolute() { args.out.clone() } else { args.root.join(&args.out) };
            let opts = BuildOptions { root: args.root, out: out.clone(), base_url: args.base_url, drafts: args.drafts, force: args.force };
            match baspa::build(&opts) {
                Ok(s) => {
                    if !args.quiet {
                        println!(
                            "built {} languages, {} pages, {} figures ({} files) in {} ms → {}",
                            s.languages,
                            s.pages,
                            s.figures,
                            s.files,
                            s.elapsed.as_millis(),
                            out.display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    eprintln!("{errors}");
                    let n = errors.len();
                    eprintln!("build failed: {n} error{}; nothing was written", if n == 1 { "" } else { "s" });
                    ExitCode::from(1)
                }
            }
        }
    }
}
