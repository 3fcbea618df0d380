//! `zexa credits [--profile NAME] [--json]`: the balance, for scripts and cron.

use serde::Serialize;
use zexa_core::i18n::{self, format::format_balance};

use crate::cli::CreditsArgs;
use crate::context::{chosen_profile, key_of, open_store, runtime};
use crate::exit::{Failure, Outcome, OK};

/// `--json`: `{"profile", "profile_id", "server", "credits", "currency"}`; `credits` is the exact
/// decimal as a string ("4249.5"), never a float.
#[derive(Serialize)]
struct CreditsJson<'a> {
    profile: &'a str,
    profile_id: &'a str,
    server: &'a str,
    credits: String,
    currency: String,
}

pub fn run(args: CreditsArgs) -> Outcome<i32> {
    let store = open_store();
    let profile = chosen_profile(&store, args.profile.profile.as_deref())?;
    let credits = runtime().block_on(async {
        let key = key_of(&store, &profile).await?;
        let client =
            store.new_client(&profile.base_url, key).map_err(|e| Failure::from(zexa_core::error::IpcError::from(e)))?;
        client.credits().await.map_err(|e| Failure::from(zexa_core::error::IpcError::from(e)))
    })?;
    let amount = credits.credits.to_string();
    if args.json.json {
        crate::output::json(&CreditsJson {
            profile: &profile.name,
            profile_id: &profile.id,
            server: &profile.base_url,
            credits: amount,
            currency: credits.currency,
        });
    } else {
        println!("{}", format_balance(&amount, &credits.currency, i18n::locale()));
    }
    Ok(OK as i32)
}
