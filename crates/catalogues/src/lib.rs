//! The app's message catalogues (`i18n/*.ftl`, Fluent): checked, and
//! compiled to the small JSON the app reads. Used at build time only: by
//! `cargo xtask post-build` (the catalogues of a build) and by the app's
//! build script (the catalogues its browser tests load). It must never be
//! a dependency of anything that runs in the browser.
//!
//! The app carries no Fluent parser (it would weigh more than the whole
//! feature's size budget): Fluent's own parser (the `fluent-syntax` crate)
//! runs here, at build time, and each language becomes one JSON object of
//! message id → text, with `{name}` where a variable goes, or, for a
//! message that varies with a number, `{"$": "count", "one": …, "other":
//! …, "*": "other"}` (the variants by plural category or exact number, and
//! the default's key). The app picks the category with the browser's
//! `Intl.PluralRules`.
//!
//! What is refused, so a translator learns it here rather than a user on a
//! screen: anything outside that subset (terms, attributes, functions,
//! nested selects, literal braces), a message missing from a language or
//! one English does not have, a variable English does not give, and a
//! plural message without a variant for each of its language's plural
//! categories (Arabic has six).

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The reference language: every other catalogue has exactly its ids.
pub const REFERENCE: &str = "en";

/// CLDR's plural categories for cardinal numbers in each language the app
/// ships (what `Intl.PluralRules(lang).select(n)` can answer).
const PLURALS: &[(&str, &[&str])] = &[
    ("en", &["one", "other"]),
    ("de", &["one", "other"]),
    ("nl", &["one", "other"]),
    ("fr", &["one", "many", "other"]),
    ("es", &["one", "many", "other"]),
    ("ar", &["zero", "one", "two", "few", "many", "other"]),
];

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// What is wrong with the catalogues, one problem a line.
    #[error("message catalogues:\n{0}")]
    Catalogue(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// One compiled catalogue: its messages, and per message the variables it
/// uses.
#[derive(Debug)]
pub struct Catalogue {
    pub lang: String,
    pub messages: Map<String, Value>,
    pub ids: Vec<String>,
    pub variables: Vec<BTreeSet<String>>,
}

/// Every catalogue in `dir`, the reference first, each checked alone and
/// against the reference.
pub fn load_all(dir: &Path) -> Result<Vec<Catalogue>> {
    let mut langs: Vec<String> = fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".ftl").map(str::to_string)
        })
        .collect();
    langs.sort_by_key(|l| (l != REFERENCE, l.clone()));
    if langs.first().map(String::as_str) != Some(REFERENCE) {
        return Err(Error::Catalogue(format!(
            "{}: no {REFERENCE}.ftl",
            dir.display()
        )));
    }
    let mut out: Vec<Catalogue> = Vec::new();
    let mut problems = Vec::new();
    for lang in langs {
        let source = fs::read_to_string(dir.join(format!("{lang}.ftl")))?;
        match compile(&lang, &source) {
            Ok(c) => {
                if let Some(reference) = out.first() {
                    problems.extend(compare(reference, &c));
                }
                out.push(c);
            }
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Catalogue(problems.join("\n")))
    }
}

/// Writes `<lang>.json` into `target` for every catalogue of `dir`.
pub fn write_all(dir: &Path, target: &Path) -> Result<usize> {
    let catalogues = load_all(dir)?;
    fs::create_dir_all(target)?;
    for c in &catalogues {
        let json = serde_json::to_string(&c.messages)?;
        fs::write(target.join(format!("{}.json", c.lang)), json)?;
    }
    Ok(catalogues.len())
}

pub fn compile(lang: &str, source: &str) -> std::result::Result<Catalogue, String> {
    let categories = PLURALS
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, c)| *c)
        .ok_or_else(|| {
            format!("{lang}.ftl: no plural categories known for {lang:?} (add them to PLURALS)")
        })?;
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => {
            return Err(format!("{lang}.ftl: Fluent syntax errors: {errors:?}"));
        }
    };
    let mut c = Catalogue {
        lang: lang.to_string(),
        messages: Map::new(),
        ids: Vec::new(),
        variables: Vec::new(),
    };
    let mut problems = Vec::new();
    for entry in resource.body {
        let m = match entry {
            Entry::Message(m) => m,
            Entry::Term(t) => {
                problems.push(format!("-{}: terms are not supported", t.id.name));
                continue;
            }
            Entry::Junk { content } => {
                problems.push(format!("cannot read: {content:?}"));
                continue;
            }
            _ => continue,
        };
        let id = m.id.name.to_string();
        if !m.attributes.is_empty() {
            problems.push(format!("{id}: attributes are not supported"));
        }
        let Some(pattern) = m.value else {
            problems.push(format!("{id}: has no text"));
            continue;
        };
        let mut vars = BTreeSet::new();
        match message(&pattern, categories, &mut vars) {
            Ok(value) => {
                if c.messages.insert(id.clone(), value).is_some() {
                    problems.push(format!("{id}: defined twice"));
                }
                c.ids.push(id);
                c.variables.push(vars);
            }
            Err(e) => problems.push(format!("{id}: {e}")),
        }
    }
    if problems.is_empty() {
        Ok(c)
    } else {
        Err(format!("{lang}.ftl:\n  {}", problems.join("\n  ")))
    }
}

/// A message: text with placeholders, or one select on a variable whose
/// variants are such text.
fn message(
    pattern: &Pattern<&str>,
    categories: &[&str],
    vars: &mut BTreeSet<String>,
) -> std::result::Result<Value, String> {
    if let [PatternElement::Placeable {
        expression: Expression::Select { selector, variants },
    }] = pattern.elements.as_slice()
    {
        let InlineExpression::VariableReference { id } = selector else {
            return Err("a select must be on a variable".into());
        };
        vars.insert(id.name.to_string());
        let mut out = Map::new();
        out.insert("$".into(), Value::from(id.name));
        let mut keys = Vec::new();
        for v in variants {
            let key = match &v.key {
                VariantKey::Identifier { name } => {
                    if !categories.contains(name) {
                        return Err(format!(
                            "[{name}] is not a plural category of this language ({})",
                            categories.join(", ")
                        ));
                    }
                    name.to_string()
                }
                VariantKey::NumberLiteral { value } => value.to_string(),
            };
            if v.default {
                out.insert("*".into(), Value::from(key.clone()));
            }
            out.insert(key.clone(), Value::from(text(&v.value, vars)?));
            keys.push(key);
        }
        let missing: Vec<&str> = categories
            .iter()
            .copied()
            .filter(|c| !keys.iter().any(|k| k == c))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "a plural needs a variant for each category: missing [{}]",
                missing.join("], [")
            ));
        }
        return Ok(Value::Object(out));
    }
    Ok(Value::from(text(pattern, vars)?))
}

/// Text with `{name}` placeholders.
fn text(
    pattern: &Pattern<&str>,
    vars: &mut BTreeSet<String>,
) -> std::result::Result<String, String> {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                if value.contains(['{', '}']) {
                    return Err("literal braces are not supported".into());
                }
                out.push_str(value);
            }
            PatternElement::Placeable { expression } => match expression {
                Expression::Inline(InlineExpression::VariableReference { id }) => {
                    vars.insert(id.name.to_string());
                    out.push('{');
                    out.push_str(id.name);
                    out.push('}');
                }
                Expression::Inline(InlineExpression::StringLiteral { value })
                    if !value.contains(['{', '}', '\\']) =>
                {
                    out.push_str(value);
                }
                Expression::Select { .. } => {
                    return Err("a select must be the whole message".into());
                }
                other => return Err(format!("not supported here: {other:?}")),
            },
        }
    }
    Ok(out)
}

/// What a translation lacks or adds against the reference.
fn compare(reference: &Catalogue, c: &Catalogue) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, id) in reference.ids.iter().enumerate() {
        match c.ids.iter().position(|x| x == id) {
            None => problems.push(format!("{}.ftl: {id} is missing", c.lang)),
            Some(j) => {
                let extra: Vec<&String> =
                    c.variables[j].difference(&reference.variables[i]).collect();
                if !extra.is_empty() {
                    problems.push(format!(
                        "{}.ftl: {id} uses {extra:?}, which the app does not give",
                        c.lang
                    ));
                }
            }
        }
    }
    for id in &c.ids {
        if !reference.ids.contains(id) {
            problems.push(format!("{}.ftl: {id} is not in {REFERENCE}.ftl", c.lang));
        }
    }
    problems
}

/// The message ids the app's code names: the first argument of `t(…)`,
/// `tr(…)` and `tr_args(…)`, and every string literal that is exactly an
/// id (tables of ids such as the fields' labels).
pub fn ids_in_code(
    src: &Path,
    known: &BTreeSet<String>,
) -> Result<(BTreeSet<String>, Vec<String>)> {
    let mut used = BTreeSet::new();
    let mut unknown = Vec::new();
    for file in rust_files(src)? {
        let code = fs::read_to_string(&file)?;
        for (pos, lit) in string_literals(&code) {
            if known.contains(&lit) {
                used.insert(lit);
            } else if is_lookup(&code[..pos]) {
                unknown.push(format!(
                    "{}: {lit:?} is not in {REFERENCE}.ftl",
                    file.display()
                ));
            }
        }
    }
    Ok((used, unknown))
}

fn is_lookup(before: &str) -> bool {
    ["t(", "tr(", "tr_args("].iter().any(|call| {
        before.ends_with(call)
            && !before[..before.len() - call.len()]
                .ends_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

/// Words for people left in the code: a literal with a letter that starts
/// with a capital or has a space between words (ids, CSS classes, paths and
/// attribute values have neither).
pub fn visible_literals(dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for file in rust_files(dir)? {
        let code = fs::read_to_string(&file)?;
        for (pos, lit) in string_literals(&code) {
            let before = code[..pos].trim_end();
            if before.ends_with("class=") || before.ends_with("style=") {
                continue;
            }
            let first_letter = lit.chars().find(|c| c.is_alphabetic());
            let spaced_words = lit
                .as_bytes()
                .windows(3)
                .any(|w| w[0].is_ascii_alphabetic() && w[1] == b' ' && w[2].is_ascii_alphabetic());
            if first_letter.is_some_and(char::is_uppercase) || spaced_words {
                let line = code[..pos].lines().count();
                found.push(format!("{}:{line}: {lit:?}", file.display()));
            }
        }
    }
    Ok(found)
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let path = e?.path();
        if path.is_dir() {
            out.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// The string literals of Rust code with their byte offsets; comments,
/// char literals and lifetimes skipped. Escapes are kept as written.
fn string_literals(code: &str) -> Vec<(usize, String)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i = j;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let start = j + 1;
                let end = code[start..].find(&close).map_or(b.len(), |e| start + e);
                out.push((i, code[start..end].to_string()));
                i = end + close.len();
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                out.push((i, code[start..j.min(b.len())].to_string()));
                i = j + 1;
            }
            b'\'' => {
                // A char literal ('x', '\n', '"') is at most a few bytes to
                // its closing quote; a lifetime has none.
                let rest = &code[i + 1..];
                let close = if rest.starts_with('\\') {
                    rest[2..].find('\'').map(|e| e + 3)
                } else {
                    rest.chars()
                        .next()
                        .filter(|c| rest[c.len_utf8()..].starts_with('\''))
                        .map(|c| c.len_utf8() + 1)
                };
                i += 1 + close.unwrap_or(0);
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn dir() -> PathBuf {
        root().join("i18n")
    }

    fn ids(c: &Catalogue) -> BTreeSet<String> {
        c.ids.iter().cloned().collect()
    }

    #[test]
    fn every_catalogue_has_every_message_and_compiles() {
        let all = load_all(&dir()).unwrap_or_else(|e| panic!("{e}"));
        let langs: Vec<&str> = all.iter().map(|c| c.lang.as_str()).collect();
        assert_eq!(langs, ["en", "ar", "de", "es", "fr", "nl"]);
        for c in &all {
            assert_eq!(ids(c), ids(&all[0]), "{}", c.lang);
        }
    }

    #[test]
    fn every_message_the_code_names_exists_and_every_message_is_used() {
        let en = load_all(&dir()).unwrap_or_else(|e| panic!("{e}")).remove(0);
        let known = ids(&en);
        let (used, unknown) = ids_in_code(&root().join("src"), &known).unwrap();
        assert!(unknown.is_empty(), "{unknown:#?}");
        let unused: Vec<&String> = known.difference(&used).collect();
        assert!(unused.is_empty(), "in en.ftl but never used: {unused:?}");
    }

    #[test]
    fn no_words_for_people_are_left_in_the_pages() {
        let left = visible_literals(&root().join("src/pages")).unwrap();
        assert!(left.is_empty(), "put these in i18n/en.ftl: {left:#?}");
        // And the check sees them when they are there.
        let dir = std::env::temp_dir().join(format!("i18n-check-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("page.rs"),
            "view! { <p class=\"error bar\">\"Not saved\"</p> <b>{t(\"saved\")}</b> }\nlet a = 'x'; let s = format!(\"{n} changes left\"); // \"Ignored Comment\"\n",
        )
        .unwrap();
        let left = visible_literals(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(left[0].ends_with("\"Not saved\"") && left[1].ends_with("\"{n} changes left\""));
    }

    #[test]
    fn the_subset_is_compiled_and_what_is_outside_it_refused() {
        let c = compile(
            "en",
            "a = Hi { $name }, { \"x\" }!\nn =\n    { $count ->\n        [0] none\n        [one] { $count } row\n       *[other] { $count } rows\n    }\n",
        )
        .unwrap();
        assert_eq!(c.messages["a"], "Hi {name}, x!");
        assert_eq!(
            c.messages["n"],
            serde_json::json!({"$": "count", "0": "none", "one": "{count} row", "other": "{count} rows", "*": "other"})
        );
        for (bad, why) in [
            ("-t = x\n", "terms"),
            ("a = x\n    .title = y\n", "attributes"),
            ("a = { NUMBER($n) }\n", "not supported"),
            ("a = x { $n -> \n *[other] y\n}\n", "whole message"),
            ("a = { $n ->\n *[other] y\n}\n", "missing [one]"),
            (
                "a = { $n ->\n [few] x\n *[other] y\n}\n",
                "not a plural category",
            ),
            ("a = {\n", "syntax"),
        ] {
            let e = compile("en", bad)
                .err()
                .unwrap_or_else(|| panic!("{bad:?} accepted"));
            assert!(e.contains(why), "{bad:?}: {e}");
        }
        let arabic = "n = { $n ->\n [one] a\n *[other] b\n}\n";
        assert!(compile("ar", arabic)
            .unwrap_err()
            .contains("[zero], [two], [few], [many]"));
    }

    #[test]
    fn a_translation_missing_a_message_or_adding_a_variable_is_refused() {
        let en = compile("en", "a = A\nb = B { $x }\n").unwrap();
        let fr = compile("fr", "b = B { $y }\nc = C\n").unwrap();
        let problems = compare(&en, &fr);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("a is missing"));
        assert!(problems[1].contains("\"y\""));
        assert!(problems[2].contains("c is not in en.ftl"));
    }
}
