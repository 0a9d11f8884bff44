//! The command line: clap derive only; doc comments become `--help`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// baspa: publish a data-heavy report as a multilingual static website.
#[derive(Parser, Debug)]
// The version names the commit it was built from, when built from a git checkout (build.rs).
#[command(name = "baspa", version = concat!(env!("CARGO_PKG_VERSION"), env!("BASPA_COMMIT_SUFFIX")), about)]
pub struct Cli {
    /// Print nothing on success (problems are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Also print how long each stage took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Preview the site while editing: build it in memory, serve it on this
    /// machine, rebuild and reload open pages on every change.
    Serve(ServeArgs),
    /// Check the report without writing anything: every build check, data
    /// files no page uses, stale translations (git), and external links.
    Check(CheckArgs),
    /// Start a new report in an empty folder (`baspa new DIR`), or add a
    /// page in every language (`baspa new page SLUG`).
    New(NewArgs),
    /// Print a shell completion script: `baspa completions bash > /etc/bash_completion.d/baspa`.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `baspa man > baspa.1 && man ./baspa.1`.
    Man,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// The report's folder (where `baspa.yaml` is).
    #[arg(long, short, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site; relative to `--root` unless absolute.
    #[arg(long, short, default_value = "public")]
    pub out: PathBuf,
    /// Override `base_url` from the config, e.g. for preview deploys.
    #[arg(long, short)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long, short)]
    pub drafts: bool,
    /// Replace the output folder even if baspa did not create it.
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The report's folder (where `baspa.yaml` is).
    #[arg(long, short, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on. Keep 127.0.0.1 unless the preview must be
    /// seen from another machine.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Open the preview in the default web browser once it is served.
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long, short)]
    pub drafts: bool,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The report's folder (where `baspa.yaml` is).
    #[arg(long, short, default_value = ".")]
    pub root: PathBuf,
    /// Override `base_url` from the config, as `build --base-url` does.
    #[arg(long, short)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long, short)]
    pub drafts: bool,
    /// Treat warnings (stale translations, a placeholder `base_url`, pages still as `baspa new page` wrote them) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Also request every external link (http and https) of the pages.
    #[arg(long)]
    pub external: bool,
    /// How to print the problems found.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `error: path:line:col: message`, with the line and a hint.
    Text,
    /// A JSON array of {path, line, column, message, hint, severity}.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), shown
    /// on the pull request's lines.
    Github,
}

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct NewArgs {
    /// The folder to create the report in; it must not exist or be empty.
    #[arg(required = true)]
    pub dir: Option<PathBuf>,
    #[command(subcommand)]
    pub what: Option<NewCommand>,
}

#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// Add `content/<lang>/NN-<slug>.md` in every language, after the last page.
    Page(NewPageArgs),
}

#[derive(clap::Args, Debug)]
pub struct NewPageArgs {
    /// The page's URL slug: lowercase Latin letters, digits and `-`.
    pub slug: String,
    /// The report's folder (where `baspa.yaml` is).
    #[arg(long, short, default_value = ".")]
    pub root: PathBuf,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use clap::Parser;

    use super::{Cli, Command, NewCommand};

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn new_takes_a_folder_or_the_page_subcommand() {
        let Command::New(a) = Cli::parse_from(["baspa", "new", "my-report"]).command else { panic!("not new") };
        assert_eq!(a.dir.as_deref(), Some(std::path::Path::new("my-report")));
        let Command::New(a) = Cli::parse_from(["baspa", "new", "page", "methods", "--root", "r"]).command else { panic!("not new") };
        let Some(NewCommand::Page(p)) = a.what else { panic!("not page") };
        assert_eq!((p.slug.as_str(), p.root.to_str()), ("methods", Some("r")));
        assert!(Cli::try_parse_from(["baspa", "new"]).is_err());
    }

    #[test]
    fn quiet_and_verbose_go_anywhere() {
        let cli = Cli::parse_from(["baspa", "build", "--quiet"]);
        assert!(cli.quiet && !cli.verbose);
        assert!(Cli::parse_from(["baspa", "-v", "check"]).verbose);
    }
}
