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
//! 3. wasm-opt -Oz on each file (release), as trunk would have;
//! 4. each new file named by a hash of its contents, so that a browser
//!    never pairs one build's app with another's part.

use crate::Result;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CRATE: &str = "staff-pwa";
/// The module the app's WebAssembly imports the loaders from. Renamed by
/// its hash once written; the name only has to be unique in the output.
const LINK: &str = "parts.js";

/// Returns the URLs of the files it added (each named by its content).
pub fn run(staging: &Path, release: bool) -> Result<Vec<String>> {
    let raw = cargo_output(release);
    let input = fs::read(&raw).map_err(|e| format!("reading {}: {e}", raw.display()))?;
    let stem = trunk_stem(staging)?;
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
    if release {
        for file in std::iter::once(&main_wasm).chain(&split.split_modules) {
            optimise(file)?;
        }
    }
    // Parts first: their names go into the loader, whose name goes into
    // the app's script.
    let mut loader = fs::read_to_string(staging.join(LINK))?;
    let mut added = Vec::new();
    for part in &split.split_modules {
        let hashed = hash_name(part)?;
        let (old, new) = (file_name(part)?, file_name(&hashed)?);
        loader = loader.replace(&format!("\"./{old}\""), &format!("\"./{new}\""));
        added.push(format!("/{new}"));
    }
    fs::write(staging.join(LINK), &loader)?;
    let hashed_loader = hash_name(&staging.join(LINK))?;
    let script = staging.join(format!("{stem}.js"));
    // The import statement only: the instance's import object keeps the
    // name the WebAssembly asks for.
    let app = fs::read_to_string(&script)?.replace(
        &format!("from \"{link}\""),
        &format!("from \"./{}\"", file_name(&hashed_loader)?),
    );
    fs::write(&script, app)?;
    added.push(format!("/{}", file_name(&hashed_loader)?));
    eprintln!(
        "split: {} part file(s) beside {stem}_bg.wasm",
        split.split_modules.len()
    );
    Ok(added)
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
