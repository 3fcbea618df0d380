//! `zexa`: see the crate's `lib.rs` and docs/cli.md.

fn main() -> std::process::ExitCode {
    zexa_cli::main()
}
