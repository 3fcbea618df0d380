//! `zexa completions SHELL` and the hidden `zexa man`: generated from the same command
//! definition as the parser, so they never fall behind it. The packages install both
//! (scripts/lib.sh `cli_dist`).

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::exit::{Failure, Outcome, OK};

pub fn completions(args: CompletionsArgs) -> Outcome<i32> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "zexa", &mut std::io::stdout());
    Ok(OK as i32)
}

pub fn man() -> Outcome<i32> {
    let command = Cli::command();
    let mut out = std::io::stdout().lock();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page).map_err(io)?;
    // Each subcommand's own section, so `man zexa` documents every command and option.
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub.clone().name(format!("zexa {}", sub.get_name()));
        page.extend_from_slice(
            format!(".SH \"ZEXA {}\"\n", sub.get_name().to_uppercase().replace("ZEXA ", "")).as_bytes(),
        );
        let man = clap_mangen::Man::new(sub);
        man.render_description_section(&mut page).map_err(io)?;
        man.render_synopsis_section(&mut page).map_err(io)?;
        man.render_options_section(&mut page).map_err(io)?;
    }
    std::io::Write::write_all(&mut out, &page).map_err(io)?;
    Ok(OK as i32)
}

fn io(error: std::io::Error) -> Failure {
    Failure::from(zexa_core::ipc_error!(
        zexa_core::error::ErrorCode::Io,
        "error-file-not-saved",
        detail = error.to_string()
    ))
}
