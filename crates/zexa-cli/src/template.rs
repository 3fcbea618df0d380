//! `zexa inject` templates: `{{ zexa://<profile> }}` (spaces inside the braces optional) is replaced
//! by that profile's key; everything else is copied as it is.

use std::ops::Range;

use crate::envfile::REFERENCE_SCHEME;

/// Each reference: where it is in the template and the profile it names.
pub fn references(template: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = template[from..].find("{{").map(|at| from + at) {
        let Some(close) = template[open + 2..].find("}}").map(|at| open + 2 + at) else { break };
        let inside = template[open + 2..close].trim();
        match inside.strip_prefix(REFERENCE_SCHEME).map(str::trim) {
            Some(profile) if !profile.is_empty() && !profile.contains(['{', '}', '\n']) => {
                found.push((open..close + 2, profile.to_owned()));
                from = close + 2;
            }
            _ => from = open + 2,
        }
    }
    found
}

/// The template with each reference replaced by `value(profile)`.
pub fn render(template: &str, refs: &[(Range<usize>, String)], mut value: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut copied = 0;
    for (range, profile) in refs {
        out.push_str(&template[copied..range.start]);
        out.push_str(&value(profile));
        copied = range.end;
    }
    out.push_str(&template[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_and_replaced_the_rest_copied() {
        let template =
            "api_key: {{ zexa://Production }}\nother: {{zexa://Staging}}\nkept: {{ not_a_ref }} {{ zexa:// }}\n";
        let refs = references(template);
        assert_eq!(refs.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>(), ["Production", "Staging"]);
        let out = render(template, &refs, |p| format!("<{p}>"));
        assert_eq!(out, "api_key: <Production>\nother: <Staging>\nkept: {{ not_a_ref }} {{ zexa:// }}\n");
    }
}
