//! No string left behind on the Rust side:
//! * every language has the same files ([`zexa_i18n::FILES`]) and the same message ids, each
//!   with the same variables;
//! * every id the code asks for (`t!`, `t_in!`, `ipc_error!` in `crates/` and `src-tauri/`)
//!   exists, and every id of the catalogue is asked for somewhere.
//!
//! Adding a language: a folder under `locales/` with the same files; this test names what is
//! missing or different.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use zexa_i18n::{Locale, FILES};

type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn inline_vars(expression: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline_vars(arg, vars);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

fn expression_vars(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_vars(inline, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
    }
}

fn pattern_vars(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

/// Message id → the variables it uses, for one language.
fn catalogue(locale: Locale) -> Catalogue {
    let mut messages = Catalogue::new();
    for (file, source) in FILES.iter().zip(zexa_i18n::sources(locale)) {
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("{}/{file}: {errors:?}", locale.catalogue_tag()));
        for entry in &resource.body {
            if let Entry::Message(message) = entry {
                let mut vars = BTreeSet::new();
                let value = message.value.as_ref().unwrap_or_else(|| panic!("{} has no value", message.id.name));
                pattern_vars(value, &mut vars);
                let previous = messages.insert(message.id.name.to_owned(), vars);
                assert!(previous.is_none(), "{} is defined twice in {}", message.id.name, locale.catalogue_tag());
            }
        }
    }
    messages
}

#[test]
fn every_language_has_the_same_files() {
    for locale in Locale::ALL {
        let dir = locales_dir().join(locale.catalogue_tag());
        let mut found: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        found.sort();
        let mut expected: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
        expected.sort();
        assert_eq!(found, expected, "{}: the files must be zexa_i18n::FILES", dir.display());
    }
}

#[test]
fn every_message_exists_in_every_language_with_the_same_variables() {
    let english = catalogue(Locale::En);
    assert!(english.len() > 50, "the English catalogue looks empty");
    for locale in Locale::ALL {
        let other = catalogue(locale);
        let missing: Vec<_> = english.keys().filter(|id| !other.contains_key(*id)).collect();
        let extra: Vec<_> = other.keys().filter(|id| !english.contains_key(*id)).collect();
        assert!(missing.is_empty(), "missing in {}: {missing:?}", locale.catalogue_tag());
        assert!(extra.is_empty(), "only in {}: {extra:?}", locale.catalogue_tag());
        for (id, vars) in &english {
            assert_eq!(&other[id], vars, "{id}: variables differ between en and {}", locale.catalogue_tag());
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != "node_modules" && name != ".git" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The ids the code asks for: the first string literal of each `t!(`, `t_in!(` and
/// `ipc_error!(` call (after a locale or an error code).
fn ids_in(source: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for marker in ["t!(", "t_in!(", "ipc_error!("] {
        for (at, _) in source.match_indices(marker) {
            // `t!(` inside `t_in!(`'s name or a longer identifier is not a call of `t!`.
            let before = source[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &source[at + marker.len()..];
            let Some(quote) = rest.find('"') else { continue };
            let head = &rest[..quote];
            if head.len() > 80 || head.contains([';', '{', '}', ')']) {
                continue; // a macro definition or a call without a literal
            }
            let literal = &rest[quote + 1..];
            let Some(end) = literal.find('"') else { continue };
            ids.push(literal[..end].to_owned());
        }
    }
    ids
}

#[test]
fn every_id_the_code_uses_exists_and_every_message_is_used() {
    let root = root();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("src-tauri").join("src"), &mut files);
    rust_files(&root.join("src-tauri").join("tests"), &mut files);
    let english = catalogue(Locale::En);
    let mut used = BTreeSet::new();
    let mut unknown = Vec::new();
    // This file's own scanner test quotes made-up calls.
    let this_file = root.join(file!());
    for file in files.iter().filter(|f| **f != this_file) {
        let source = std::fs::read_to_string(file).unwrap();
        for id in ids_in(&source) {
            if !english.contains_key(&id) {
                unknown.push(format!("{}: {id}", file.strip_prefix(&root).unwrap_or(file).display()));
            }
            used.insert(id);
        }
    }
    assert!(unknown.is_empty(), "ids used in code but not in the catalogue:\n{}", unknown.join("\n"));
    let unused: Vec<_> = english.keys().filter(|id| !used.contains(*id)).collect();
    assert!(unused.is_empty(), "ids in the catalogue that no code uses (remove them, or use them): {unused:?}");
}

#[test]
fn the_scanner_finds_ids_after_a_locale_or_a_code() {
    let source =
        r#"t!("a-b"); t_in!(Locale::Pt, "c-d", n = 1); ipc_error!(ErrorCode::Io, "e-f"); format!("x"); limit!("no")"#;
    assert_eq!(ids_in(source), ["a-b", "c-d", "e-f"]);
}
