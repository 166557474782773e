//! Cuts the app's WebAssembly into its parts (post-build, before anything
//! else).
//!
//! The app marks the functions the sign-in page does not need (`part!` in
//! src/parts.rs); trunk's build turns on the `split` feature, which makes
//! each such function an import the linker leaves open, and keeps the
//! linker's relocations (`--emit-relocs`, build.rs). trunk 0.21 cannot
//! split, so this step redoes its last two stages from cargo's output:
//!
//! 1. `wasm_split_cli_support` (the splitter cargo-leptos uses) reads the
//!    relocations and moves every function reachable only from those
//!    imports into a file of its own, plus a small script that fetches it
//!    on the first call;
//! 2. wasm-bindgen (the same pinned CLI trunk runs) on what is left, under
//!    trunk's own file name, replacing trunk's output;
//! 3. short names for the app's imports from its glue (`short_names`);
//! 4. wasm-opt -Oz on each file, and terser on the glue (release), as
//!    trunk would have;
//! 5. each new file named by a hash of its contents, so that a browser
//!    never pairs one build's app with another's part.

use crate::{short_names, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CRATE: &str = "staff-pwa";
/// The module the app's WebAssembly imports the loaders from. Renamed by
/// its hash once written; the name only has to be unique in the output.
const LINK: &str = "parts.js";

/// A part's fetch that has not finished by then fails (and is tried again
/// on the next call): a stalled download must not hold the outbox's
/// sending or a page's "Loading…" for the rest of the session.
const PART_FETCH_MS: u32 = 30_000;

/// Returns the URLs of the files it added or renamed (each named by its
/// content).
pub fn run(staging: &Path, release: bool) -> Result<Vec<String>> {
    let raw = cargo_output(release);
    let input = fs::read(&raw).map_err(|e| format!("reading {}: {e}", raw.display()))?;
    let stem = trunk_stem(staging)?;
    // trunk names its output by a hash of cargo's: a mismatch means this
    // is not the file trunk just built (another profile or target dir).
    let expected = format!("{CRATE}-{:x}", seahash_of(&input));
    if stem != expected {
        return Err(format!(
            "trunk built {stem}, but {} is {expected}: not the same build",
            raw.display()
        )
        .into());
    }
    let work = crate::target_dir().join("split");
    fs::create_dir_all(&work)?;
    let main = work.join(format!("{CRATE}.wasm"));
    let link = format!("./{LINK}");
    let main_module = format!("./{stem}.js");
    let split = wasm_split_cli_support::transform({
        let mut o = wasm_split_cli_support::Options::new(&input);
        o.output_dir = staging;
        o.main_out_path = &main;
        o.link_name = &link;
        o.main_module = &main_module;
        o
    })
    .map_err(|e| format!("splitting {}: {e:#}", raw.display()))?;
    if split.split_modules.is_empty() {
        return Err("the app marks parts (src/parts.rs) but the splitter found none".into());
    }
    bindgen(&main, staging, &stem)?;
    let main_wasm = staging.join(format!("{stem}_bg.wasm"));
    let (short, short_imports) =
        short_names::rename_imports(&fs::read(&main_wasm)?, &format!("./{stem}_bg.js"))?;
    if short_imports.is_empty() {
        return Err(format!("the app's WebAssembly imports nothing from ./{stem}_bg.js").into());
    }
    fs::write(&main_wasm, short)?;
    if release {
        for file in std::iter::once(&main_wasm).chain(&split.split_modules) {
            optimise(file)?;
        }
    }
    // Parts first: their names go into the loader, whose name goes into
    // the app's script, whose name goes into the page.
    let parts = split.split_modules.len();
    let mut loader = replace_exactly(
        &fs::read_to_string(staging.join(LINK))?,
        "import.meta.url));",
        &format!("import.meta.url), {{ signal: AbortSignal.timeout({PART_FETCH_MS}) }});"),
        parts,
        "a part's fetch",
    )?;
    let mut added = Vec::new();
    for part in &split.split_modules {
        let hashed = hash_name(part)?;
        let (old, new) = (file_name(part)?, file_name(&hashed)?);
        loader = replace_exactly(
            &loader,
            &format!("\"./{old}\""),
            &format!("\"./{new}\""),
            1,
            "a part's name",
        )?;
        added.push(format!("/{new}"));
    }
    // The app's own files, named by what they now hold (trunk's name
    // hashes cargo's output, which the tools after it can change).
    let script = staging.join(format!("{stem}.js"));
    let app = short_names::rename_in_glue(&fs::read_to_string(&script)?, &short_imports)?;
    let mut all = fs::read(&main_wasm)?;
    all.extend_from_slice(app.as_bytes());
    all.extend_from_slice(loader.as_bytes());
    if release {
        // What the glue becomes also depends on the minifier: another
        // version or other options must not reuse an `immutable` name.
        all.extend_from_slice(crate::tools::TERSER_VERSION.as_bytes());
        all.extend_from_slice(MINIFY.join(" ").as_bytes());
    }
    let renamed = format!("{CRATE}-{:016x}", crate::post_build::fnv1a(&all));
    loader = replace_exactly(
        &loader,
        &main_module,
        &format!("./{renamed}.js"),
        1,
        "the app's script",
    )?;
    fs::write(staging.join(LINK), &loader)?;
    if release {
        minify(&staging.join(LINK))?;
    }
    let hashed_loader = file_name(&hash_name(&staging.join(LINK))?)?;
    // The import statements only (one per part): the instance's import
    // object keeps the name the WebAssembly asks for.
    let imports = app.matches(&format!("from \"{link}\"")).count();
    let app = replace_exactly(
        &app,
        &format!("from \"{link}\""),
        &format!("from \"./{hashed_loader}\""),
        imports.max(1),
        "the import of the parts' loader",
    )?
    // Its default path to the WebAssembly; not the module name the
    // WebAssembly imports its glue under ("./<trunk's name>_bg.js").
    .replace(&format!("{stem}_bg.wasm"), &format!("{renamed}_bg.wasm"));
    fs::remove_file(&script)?;
    let script = staging.join(format!("{renamed}.js"));
    fs::write(&script, app)?;
    if release {
        // Named by what it holds before, with the minifier's version and
        // options: the same input always gives the same file.
        minify(&script)?;
    }
    fs::rename(&main_wasm, staging.join(format!("{renamed}_bg.wasm")))?;
    let page = staging.join("index.html");
    let html = fs::read_to_string(&page)?;
    if !html.contains(&format!("/{stem}.js")) || !html.contains(&format!("/{stem}_bg.wasm")) {
        return Err(
            format!("index.html does not load {stem}: not trunk's page for this build").into(),
        );
    }
    fs::write(&page, html.replace(&stem, &renamed))?;
    added.push(format!("/{hashed_loader}"));
    eprintln!("split: {renamed}_bg.wasm and {parts} part file(s)");
    Ok(added)
}

/// trunk's own file hash (seahash over the whole file).
fn seahash_of(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = seahash::SeaHasher::new();
    h.write(bytes);
    h.finish()
}

/// `text` with `from` replaced by `to`, which must occur exactly `times`
/// times: generated code that no longer reads as expected stops the build
/// rather than shipping an app that cannot start.
pub(crate) fn replace_exactly(
    text: &str,
    from: &str,
    to: &str,
    times: usize,
    what: &str,
) -> Result<String> {
    let found = text.matches(from).count();
    if found != times {
        return Err(format!(
            "{what}: expected {times} of {from:?} in generated code, found {found}"
        )
        .into());
    }
    Ok(text.replace(from, to))
}

/// cargo's WebAssembly for trunk's profile (index.html names
/// `wasm-release` for release builds).
fn cargo_output(release: bool) -> PathBuf {
    crate::target_dir()
        .join("wasm32-unknown-unknown")
        .join(if release { "wasm-release" } else { "debug" })
        .join(format!("{CRATE}.wasm"))
}

/// trunk's name for the app's files in this build (`staff-pwa-<hash>`).
fn trunk_stem(staging: &Path) -> Result<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(staging)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix("_bg.wasm") {
            if stem.starts_with(CRATE) {
                found.push(stem.to_string());
            }
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("expected one {CRATE}-*_bg.wasm from trunk, found {found:?}").into()),
    }
}

fn bindgen(main: &Path, staging: &Path, stem: &str) -> Result<()> {
    crate::run(
        Command::new("wasm-bindgen")
            .args(["--target=web", "--no-typescript", "--keep-lld-exports"])
            .arg(format!("--out-name={stem}"))
            .arg("--out-dir")
            .arg(staging)
            .arg(main),
    )
}

fn optimise(file: &Path) -> Result<()> {
    crate::run(
        Command::new("wasm-opt")
            .arg("-Oz")
            .args(FEATURES)
            .arg("--output")
            .arg(file)
            .arg(file),
    )
}

/// terser's options: an ES module; shorter code and local names.
const MINIFY: &[&str] = &["--module", "--compress", "--mangle"];

/// The glue as few bytes as it can be (terser: names, whitespace, dead
/// code), in place.
fn minify(file: &Path) -> Result<()> {
    let out = file.with_extension("min.js");
    crate::run(
        Command::new(crate::tools::ensure_terser()?)
            .arg(file)
            .args(MINIFY)
            .arg("--output")
            .arg(&out),
    )?;
    fs::rename(&out, file)?;
    Ok(())
}

/// What rustc's wasm32 output uses; the parts carry no feature section for
/// wasm-opt to read them from.
const FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Renames `dir/name.ext` to `dir/name-<hash>.ext`.
fn hash_name(path: &Path) -> Result<PathBuf> {
    let bytes = fs::read(path)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("a part without a name")?;
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("");
    let hashed = path.with_file_name(format!(
        "{stem}-{:016x}.{ext}",
        crate::post_build::fnv1a(&bytes)
    ));
    fs::rename(path, &hashed)?;
    Ok(hashed)
}

fn file_name(path: &Path) -> Result<String> {
    Ok(path
        .file_name()
        .and_then(|s| s.to_str())
        .ok_or("a file without a name")?
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staging(tag: &str, files: &[&str]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("split-test-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for f in files {
            fs::write(dir.join(f), f.as_bytes()).unwrap();
        }
        dir
    }

    #[test]
    fn trunks_name_is_read_from_its_one_wasm() {
        let one = staging(
            "one",
            &["staff-pwa-0a1b_bg.wasm", "staff-pwa-0a1b.js", "app-9f.css"],
        );
        assert_eq!(trunk_stem(&one).unwrap(), "staff-pwa-0a1b");
        // Two builds' files side by side: which one is this build's is
        // not guessed.
        let two = staging("two", &["staff-pwa-0a1b_bg.wasm", "staff-pwa-ffff_bg.wasm"]);
        assert!(trunk_stem(&two).is_err());
        let none = staging("none", &["app-9f.css"]);
        assert!(trunk_stem(&none).is_err());
    }

    #[test]
    fn a_part_is_named_by_its_contents() {
        let a = staging("hash-a", &[]);
        let b = staging("hash-b", &[]);
        fs::write(a.join("split_editing.wasm"), b"one").unwrap();
        fs::write(b.join("split_editing.wasm"), b"two").unwrap();
        let na = hash_name(&a.join("split_editing.wasm")).unwrap();
        let nb = hash_name(&b.join("split_editing.wasm")).unwrap();
        assert!(
            !a.join("split_editing.wasm").exists(),
            "the old name is gone"
        );
        assert_eq!(fs::read(&na).unwrap(), b"one");
        let (fa, fb) = (file_name(&na).unwrap(), file_name(&nb).unwrap());
        assert!(
            fa.starts_with("split_editing-") && fa.ends_with(".wasm"),
            "{fa}"
        );
        assert_ne!(fa, fb, "different contents, different names");
        // The same contents again: the same name.
        fs::write(a.join("split_editing.wasm"), b"two").unwrap();
        assert_eq!(
            file_name(&hash_name(&a.join("split_editing.wasm")).unwrap()).unwrap(),
            fb
        );
    }
}
