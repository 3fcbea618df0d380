//! The input checks a form asks for before it submits. The rules are `zexa_app::rules`; the
//! figures the UI bounds its fields with reach it as the `LIMITS` constant of the bindings.

use zexa_app::rules::{FieldProblem, ProfileInput};

use super::Reply;

command! {
    /// Every problem of the profile form's name and base URL, in the app's language (empty: none).
    /// The same checks `add_profile` applies; whether the name is taken is said on submit.
    pub fn check_profile_input(input: ProfileInput) -> Reply<Vec<FieldProblem>> {
        Ok(zexa_app::rules::check_profile_input(&input))
    }
}
