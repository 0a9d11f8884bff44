//! The command line: clap derive only; doc comments become `--help`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// baspa: publish a data-heavy report as a multilingual static website.
#[derive(Parser, Debug)]
#[command(name = "baspa", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// The report's folder (where `baspa.yaml` is).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site; relative to `--root` unless absolute.
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    /// Override `base_url` from the config, e.g. for preview deploys.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Replace the output folder even if baspa did not create it.
    #[arg(long)]
    pub force: bool,
    /// Print nothing on success.
    #[arg(long, short)]
    pub quiet: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
