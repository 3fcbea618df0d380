//! The command line, parsed by clap. Every help text comes from the catalogue
//! (`crates/zexa-i18n/locales/*/cli.ftl`) in the user's language, which is why the texts are
//! `t!` expressions instead of doc comments: clap evaluates them when the command is built, after
//! the locale is known.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use zexa_core::i18n::t;

#[derive(Debug, Parser)]
#[command(
    name = "zexa",
    version,
    about = t!("cli-about"),
    long_about = t!("cli-long-about"),
    after_help = t!("cli-after-help"),
    disable_help_subcommand = true,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(about = t!("cli-run-about"), long_about = t!("cli-run-long"), after_help = t!("cli-run-after"))]
    Run(RunArgs),
    #[command(about = t!("cli-inject-about"), long_about = t!("cli-inject-long"))]
    Inject(InjectArgs),
    #[command(about = t!("cli-sandbox-about"), long_about = t!("cli-sandbox-long"))]
    Sandbox(SandboxArgs),
    #[command(about = t!("cli-credits-about"))]
    Credits(CreditsArgs),
    #[command(about = t!("cli-profiles-about"), args_conflicts_with_subcommands = true)]
    Profiles(ProfilesArgs),
    #[command(about = t!("cli-status-about"), long_about = t!("cli-status-long"))]
    Status(JsonArg),
    #[command(about = t!("cli-scan-about"), long_about = t!("cli-scan-long"))]
    Scan(ScanArgs),
    #[command(about = t!("cli-hook-about"))]
    Hook(HookArgs),
    #[command(about = t!("cli-completions-about"))]
    Completions(CompletionsArgs),
    /// The man page, in roff (packaging installs it as zexa(1)).
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Args)]
pub struct ProfileArg {
    #[arg(long, short = 'p', value_name = "NAME", help = t!("cli-arg-profile"))]
    pub profile: Option<String>,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    #[arg(long, help = t!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    #[arg(long = "env-file", value_name = "FILE", help = t!("cli-arg-env-file"))]
    pub env_files: Vec<PathBuf>,
    #[arg(long, value_name = "NAME", default_value = "ZEXA_API_KEY", help = t!("cli-arg-var"))]
    pub var: String,
    #[arg(long = "no-masking", help = t!("cli-arg-no-masking"))]
    pub no_masking: bool,
    #[arg(
        value_name = "COMMAND",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        help = t!("cli-arg-command")
    )]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct InjectArgs {
    #[arg(long = "in-file", short = 'i', value_name = "TEMPLATE", help = t!("cli-arg-in-file"))]
    pub input: Option<PathBuf>,
    #[arg(long = "out-file", short = 'o', value_name = "FILE", help = t!("cli-arg-out-file"))]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0", help = t!("cli-arg-listen"))]
    pub listen: std::net::SocketAddr,
    #[arg(value_name = "COMMAND", last = true, help = t!("cli-arg-sandbox-command"))]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct CreditsArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Args)]
pub struct ProfilesArgs {
    #[command(subcommand)]
    pub action: Option<ProfilesAction>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Subcommand)]
pub enum ProfilesAction {
    #[command(about = t!("cli-profiles-add-about"), long_about = t!("cli-profiles-add-long"))]
    Add(AddArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(value_name = "NAME", help = t!("cli-arg-new-name"))]
    pub name: String,
    #[arg(long = "base-url", value_name = "URL", help = t!("cli-arg-base-url"))]
    pub base_url: Option<String>,
    #[arg(long, help = t!("cli-arg-activate"))]
    pub activate: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_name = "SHELL", help = t!("cli-arg-shell"))]
    pub shell: clap_complete::Shell,
}

/// `zexa scan` (commands/scan.rs, docs/scanner.md).
#[derive(Debug, Args)]
pub struct ScanArgs {
    #[arg(value_name = "PATH", help = t!("cli-arg-scan-paths"))]
    pub paths: Vec<PathBuf>,
    #[arg(long, conflicts_with = "staged", help = t!("cli-arg-history"))]
    pub history: bool,
    #[arg(long, help = t!("cli-arg-staged"))]
    pub staged: bool,
    #[arg(long = "all-files", help = t!("cli-arg-all-files"))]
    pub all_files: bool,
    #[arg(long, help = t!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct HookArgs {
    #[command(subcommand)]
    pub action: HookAction,
}

#[derive(Debug, Subcommand)]
pub enum HookAction {
    #[command(about = t!("cli-hook-install-about"))]
    Install,
    #[command(about = t!("cli-hook-uninstall-about"))]
    Uninstall,
}
