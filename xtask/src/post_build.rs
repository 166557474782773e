//! trunk's post_build hook (`cargo xtask post-build`, see Trunk.toml).
//!
//! 0. The app's WebAssembly is cut into its parts (split.rs).
//! 1. trunk writes its boot code as an inline `<script type="module">`; it
//!    moves to a hashed file so the Content-Security-Policy can forbid
//!    inline scripts outright.
//! 2. The service worker gets the exact list of this build's files and a
//!    version derived from their contents (trunk's own hash does not change
//!    when only wasm-opt's output does).
//! 3. The files named by their content (trunk's, with `filehash`, and the
//!    boot script) are listed in `hashed-files.txt`, and as nginx
//!    locations in `hashed-files.nginx.conf`: pwa-server and nginx mark
//!    exactly these `immutable`, rather than guessing from a name's shape
//!    (trunk drops a hash's leading zero: 15 digits, one build in 16).
//! 4. Every text and WebAssembly file gets `.br` (brotli, quality 11) and
//!    `.gz` (gzip, level 9) beside it, which pwa-server (and nginx's
//!    `gzip_static`) send as they are: smaller than compressing per request
//!    can afford (the app's wasm: 216 KB instead of 261 KB), and no CPU
//!    spent per download.

use crate::Result;
use std::fs;
use std::path::{Path, PathBuf};

const I18N_PREFIX: &str = "/i18n/";
/// The editing part's files (xtask/src/split.rs names them so).
const EDITING_PREFIX: &str = "/split_editing-";
const SCRIPT_OPEN: &str = "<script type=\"module\">";
const SCRIPT_CLOSE: &str = "</script>";

pub fn run() -> Result<()> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("post-build runs as trunk's hook (TRUNK_STAGING_DIR is not set)")?;
    let release = std::env::var("TRUNK_PROFILE").as_deref() != Ok("debug");
    let parts = crate::split::run(&staging, release)?;
    externalise_boot_script(&staging)?;
    let languages = catalogues::write_all(&crate::root().join("i18n"), &staging.join("i18n"))?;
    eprintln!("post-build: {languages} message catalogues");
    write_precache(&staging)?;
    write_hashed_list(&staging, &parts)?;
    precompress(&staging)
}

/// What is worth compressing (images are compressed already).
const COMPRESSIBLE: &[&str] = &["wasm", "js", "css", "html", "webmanifest", "svg", "json"];

fn precompress(staging: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect(staging, staging, &mut files)?;
    let (mut raw, mut br) = (0, 0);
    for (_, path) in files {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let bytes = fs::read(&path)?;
        let brotli = brotli_bytes(&bytes)?;
        let gzip = gzip_bytes(&bytes)?;
        // A variant no smaller than the file would only cost a lookup.
        if brotli.len() < bytes.len() {
            fs::write(with_suffix(&path, "br"), &brotli)?;
        }
        if gzip.len() < bytes.len() {
            fs::write(with_suffix(&path, "gz"), &gzip)?;
        }
        raw += bytes.len();
        br += brotli.len().min(bytes.len());
    }
    eprintln!("post-build: precompressed {raw} bytes to {br} (brotli)");
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn brotli_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes)?;
    Ok(e.finish()?)
}

fn externalise_boot_script(staging: &Path) -> Result<()> {
    let index = staging.join("index.html");
    let html = fs::read_to_string(&index)?;
    let start = html
        .find(SCRIPT_OPEN)
        .ok_or("index.html has no inline module script from trunk")?;
    let body_start = start + SCRIPT_OPEN.len();
    let len = html[body_start..]
        .find(SCRIPT_CLOSE)
        .ok_or("unterminated inline script in index.html")?;
    let code = html[body_start..body_start + len].trim();
    let name = format!("boot-{:016x}.js", fnv1a(code.as_bytes()));
    fs::write(staging.join(&name), format!("{code}\n"))?;
    let tag = format!("<script type=\"module\" src=\"/{name}\"></script>");
    let html = format!(
        "{}{tag}{}",
        &html[..start],
        &html[body_start + len + SCRIPT_CLOSE.len()..]
    );
    fs::write(&index, html)?;
    Ok(())
}

fn write_precache(staging: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect(staging, staging, &mut files)?;
    files.retain(|(url, _)| url != "/sw.js");
    files.sort();
    let mut hash = FNV_OFFSET;
    for (url, path) in &files {
        hash = fnv1a_from(hash, url.as_bytes());
        hash = fnv1a_from(hash, &fs::read(path)?);
    }
    // The catalogues count in the version (a new wording is a new build)
    // but are not precached: the worker keeps the one in use when the app
    // fetches it.
    files.retain(|(url, _)| !url.starts_with(I18N_PREFIX));
    // The editing part: only editors' devices keep it (sw.js, KEEP_EDITING).
    let (editing, files): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(url, _)| url.starts_with(EDITING_PREFIX));
    let quoted = |list: &[(String, PathBuf)]| -> Vec<String> {
        list.iter().map(|(url, _)| format!("{url:?}")).collect()
    };
    let list = quoted(&files);
    let sw_path = staging.join("sw.js");
    let sw = fs::read_to_string(&sw_path)?;
    if !sw.contains("__BUILD_VERSION__")
        || !sw.contains("[\"__PRECACHE_LIST__\"]")
        || !sw.contains("[\"__EDITING_LIST__\"]")
    {
        return Err("sw.js lacks its placeholders".into());
    }
    let sw = sw
        .replace("__BUILD_VERSION__", &format!("{hash:016x}"))
        .replace("[\"__PRECACHE_LIST__\"]", &format!("[{}]", list.join(", ")))
        .replace(
            "[\"__EDITING_LIST__\"]",
            &format!("[{}]", quoted(&editing).join(", ")),
        );
    fs::write(sw_path, sw)?;
    eprintln!(
        "post-build: {} files precached, build {hash:016x}",
        files.len()
    );
    Ok(())
}

/// The list pwa-server reads, one URL a line.
pub const HASHED_LIST: &str = "hashed-files.txt";
/// The same list as nginx locations, for the site to include.
pub const HASHED_NGINX: &str = "hashed-files.nginx.conf";

/// The URLs the page loads as code or style: every one is a file trunk
/// (or [`externalise_boot_script`]) named by its content. The manifest and
/// icons (`rel="manifest"`, `"icon"`) keep their names across builds.
fn hashed_urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let attr = |name: &str| {
            tag.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
        };
        let code = tag.starts_with("script")
            || matches!(
                attr("rel"),
                Some("stylesheet" | "modulepreload" | "preload")
            );
        let url = if tag.starts_with("script") {
            attr("src")
        } else {
            attr("href")
        };
        if let Some(url) = url.filter(|u| code && u.starts_with('/')) {
            out.push(url.to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `parts`: the split's files (named by their content too), which the
/// page fetches from its script rather than naming them.
fn write_hashed_list(staging: &Path, parts: &[String]) -> Result<()> {
    let mut urls = hashed_urls(&fs::read_to_string(staging.join("index.html"))?);
    urls.extend_from_slice(parts);
    for url in &urls {
        if !staging.join(url.trim_start_matches('/')).is_file() {
            return Err(format!("{url} is listed as this build's, which lacks it").into());
        }
    }
    let mut list = urls.join("\n");
    list.push('\n');
    fs::write(staging.join(HASHED_LIST), list)?;
    let nginx: String = urls
        .iter()
        .map(|u| {
            format!(
                "location = {u} {{\n    include snippets/staff-pwa-headers.conf;\n    add_header Cache-Control \"public, max-age=31536000, immutable\" always;\n    try_files $uri =404;\n}}\n"
            )
        })
        .collect();
    fs::write(
        staging.join(HASHED_NGINX),
        format!(
            "# Written by `cargo xtask post-build`: this build's content-named files.\n{nginx}"
        ),
    )?;
    Ok(())
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "br" || e == "gz") {
            // Variants of a file, not files of the build.
            continue;
        } else {
            let rel = path
                .strip_prefix(root)?
                .to_string_lossy()
                .replace('\\', "/");
            out.push((format!("/{rel}"), path));
        }
    }
    Ok(())
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: a content fingerprint for cache names, not a security hash.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(FNV_OFFSET, bytes)
}

fn fnv1a_from(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staging(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-pb-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(
            dir.join("index.html"),
            "<html><head><script type=\"module\">\nimport init from '/a.js';\nawait init('/a.wasm');\n</script></head></html>",
        )
        .unwrap();
        fs::write(dir.join("a.js"), "js").unwrap();
        fs::write(dir.join("icons/i.png"), "png").unwrap();
        fs::write(
            dir.join("sw.js"),
            "const BUILD = \"__BUILD_VERSION__\";\nconst PRECACHE = [\"__PRECACHE_LIST__\"];\nconst EDITING = [\"__EDITING_LIST__\"];",
        )
        .unwrap();
        dir
    }

    #[test]
    fn boot_script_leaves_the_page_and_precache_lists_every_file() {
        let dir = staging("a");
        externalise_boot_script(&dir).unwrap();
        write_precache(&dir).unwrap();
        let html = fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(!html.contains("await init"), "inline code left in {html}");
        let boot = html
            .split("src=\"/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(fs::read_to_string(dir.join(boot))
            .unwrap()
            .contains("await init('/a.wasm')"));
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        for url in ["/a.js", "/index.html", "/icons/i.png", &format!("/{boot}")] {
            assert!(
                sw.contains(&format!("\"{url}\"")),
                "{url} missing from {sw}"
            );
        }
        assert!(!sw.contains("\"/sw.js\"") && !sw.contains("__BUILD_VERSION__"));
    }

    #[test]
    fn the_editing_part_is_listed_apart_from_the_precache() {
        let dir = staging("e");
        fs::write(dir.join("split_editing-00ff.wasm"), "part").unwrap();
        fs::write(dir.join("split_contacts-0a0b.wasm"), "part").unwrap();
        write_precache(&dir).unwrap();
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        let line = |name: &str| {
            sw.lines()
                .find(|l| l.starts_with(&format!("const {name} = ")))
                .unwrap_or_default()
                .to_string()
        };
        assert!(
            line("EDITING").contains("\"/split_editing-00ff.wasm\""),
            "{sw}"
        );
        assert!(!line("PRECACHE").contains("split_editing"), "{sw}");
        assert!(
            line("PRECACHE").contains("\"/split_contacts-0a0b.wasm\""),
            "{sw}"
        );
    }

    #[test]
    fn text_files_get_brotli_and_gzip_twins_that_the_worker_does_not_list() {
        let dir = staging("c");
        fs::write(dir.join("app.js"), "export const x = 1;\n".repeat(200)).unwrap();
        fs::write(dir.join("icons/i.png"), "png").unwrap();
        externalise_boot_script(&dir).unwrap();
        write_precache(&dir).unwrap();
        precompress(&dir).unwrap();
        let js = fs::read(dir.join("app.js")).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(
            &mut &fs::read(dir.join("app.js.br")).unwrap()[..],
            &mut back,
        )
        .unwrap();
        assert_eq!(back, js);
        let gz_bytes = fs::read(dir.join("app.js.gz")).unwrap();
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz_bytes[..]), &mut back)
            .unwrap();
        assert_eq!(back, js);
        assert!(
            !dir.join("icons/i.png.br").exists(),
            "images are not recompressed"
        );
        // The variants are not files of the build: never precached.
        let mut files = Vec::new();
        collect(&dir, &dir, &mut files).unwrap();
        assert!(files.iter().any(|(url, _)| url == "/app.js"));
        assert!(
            !files
                .iter()
                .any(|(url, _)| url.ends_with(".br") || url.ends_with(".gz")),
            "{files:?}"
        );
    }

    #[test]
    fn the_hashed_list_names_what_the_page_loads_whatever_the_hash_length() {
        let dir = staging("h");
        // trunk drops a leading zero now and then: 15 digits.
        for f in [
            "app-0123456789abcdef.css",
            "staff-pwa-e152efa72d36f5d.js",
            "staff-pwa-e152efa72d36f5d_bg.wasm",
        ] {
            fs::write(dir.join(f), "x").unwrap();
        }
        fs::write(
            dir.join("index.html"),
            "<html><head><link rel=\"manifest\" href=\"/manifest.webmanifest\"><link rel=\"icon\" href=\"/icons/i.png\">\
             <link rel=\"stylesheet\" href=\"/app-0123456789abcdef.css\" integrity=\"x\"/>\
             <script type=\"module\">\nimport init from '/staff-pwa-e152efa72d36f5d.js';\n</script>\
             <link rel=\"modulepreload\" href=\"/staff-pwa-e152efa72d36f5d.js\"><link rel=\"preload\" href=\"/staff-pwa-e152efa72d36f5d_bg.wasm\" as=\"fetch\"></head></html>",
        )
        .unwrap();
        externalise_boot_script(&dir).unwrap();
        write_hashed_list(&dir, &[]).unwrap();
        let list = fs::read_to_string(dir.join(HASHED_LIST)).unwrap();
        let mut lines: Vec<&str> = list.lines().collect();
        let boot = lines.iter().find(|l| l.starts_with("/boot-")).copied();
        assert!(boot.is_some(), "{list}");
        lines.retain(|l| !l.starts_with("/boot-"));
        assert_eq!(
            lines,
            [
                "/app-0123456789abcdef.css",
                "/staff-pwa-e152efa72d36f5d.js",
                "/staff-pwa-e152efa72d36f5d_bg.wasm"
            ]
        );
        let nginx = fs::read_to_string(dir.join(HASHED_NGINX)).unwrap();
        assert!(
            nginx.contains("location = /staff-pwa-e152efa72d36f5d_bg.wasm {"),
            "{nginx}"
        );
        assert!(!nginx.contains("manifest") && !nginx.contains("/icons/"));
    }

    #[test]
    fn build_version_follows_file_contents() {
        let (a, b) = (staging("b1"), staging("b2"));
        fs::write(b.join("a.js"), "js changed").unwrap();
        for d in [&a, &b] {
            write_precache(d).unwrap();
        }
        let version = |d: &Path| {
            let sw = fs::read_to_string(d.join("sw.js")).unwrap();
            sw.split('"').nth(1).unwrap().to_string()
        };
        assert_ne!(version(&a), version(&b));
    }
}
