//! The build and test tools, pinned here and nowhere else, installed only
//! when the right version is missing (a second run installs nothing).

use crate::{cmd_output, root, run, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen 123 from npm: Debian's binaryen 108 silently produces broken wasm.
pub const BINARYEN_VERSION: &str = "123";
const BINARYEN_NPM_VERSION: &str = "123.0.0";
/// The JavaScript minifier for the app's glue (post-build).
pub const TERSER_VERSION: &str = "5.51.4";
/// The accessibility engine the end-to-end suite runs on each screen.
const AXE_VERSION: &str = "4.10.3";
/// A third-party Odoo client library (Python), to prove the demo backend
/// passes for a real Odoo.
const ODOORPC_VERSION: &str = "0.10.1";

pub struct Tools {
    pub wasm_bindgen_version: String,
    /// Folder holding `wasm-opt`, put first on PATH for trunk.
    pub binaryen_bin: PathBuf,
}

impl Tools {
    /// PATH with cargo's bin and binaryen first, so trunk finds exactly the
    /// tools installed here and never downloads its own.
    pub fn path_env(&self) -> String {
        let cargo_bin = cargo_home().join("bin");
        let old = std::env::var("PATH").unwrap_or_default();
        format!(
            "{}:{}:{old}",
            self.binaryen_bin.display(),
            cargo_bin.display()
        )
    }

    pub fn trunk_env(&self, cmd: &mut Command) {
        cmd.env("PATH", self.path_env())
            .env("TRUNK_TOOLS_WASM_BINDGEN", &self.wasm_bindgen_version)
            .env(
                "TRUNK_TOOLS_WASM_OPT",
                format!("version_{BINARYEN_VERSION}"),
            );
    }
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home().join(".cargo"))
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

/// Everything needed to build the app.
pub fn ensure_build_tools() -> Result<Tools> {
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
    let wbg = wasm_bindgen_version_from_lock()?;
    // Without --locked: its lockfile wants a webpki-roots the registry lacks.
    ensure_cargo_tool("wasm-bindgen-cli", "wasm-bindgen", &wbg, false)?;
    let binaryen_bin = ensure_binaryen()?;
    ensure_terser()?;
    Ok(Tools {
        wasm_bindgen_version: wbg,
        binaryen_bin,
    })
}

/// Build tools plus Chromium and its driver, for the browser suites.
pub fn ensure_test_tools() -> Result<Tools> {
    let tools = ensure_build_tools()?;
    ensure_chromium()?;
    Ok(tools)
}

/// axe-core, the accessibility engine the end-to-end suite loads into
/// each screen. Returns the path of its browser bundle.
pub fn ensure_axe() -> Result<PathBuf> {
    let dir = tools_dir().join(format!("axe-core-{AXE_VERSION}"));
    let js = dir.join("node_modules/axe-core/axe.min.js");
    let package = dir.join("node_modules/axe-core/package.json");
    npm_tool("axe-core", AXE_VERSION, &dir, || {
        js.is_file()
            && std::fs::read_to_string(&package)
                .is_ok_and(|p| p.contains(&format!("\"version\": \"{AXE_VERSION}\"")))
    })?;
    Ok(js)
}

/// terser, from npm into its own folder; the path of its command.
pub fn ensure_terser() -> Result<PathBuf> {
    let dir = tools_dir().join(format!("terser-{TERSER_VERSION}"));
    let bin = dir.join("node_modules/.bin/terser");
    let want = format!("terser {TERSER_VERSION}");
    npm_tool("terser", TERSER_VERSION, &dir, || {
        installed_version(&bin).is_some_and(|v| v.contains(&want))
    })?;
    Ok(bin)
}

/// `package@version` from npm into `dir`, unless `present` already says
/// it is there; after the install it must.
fn npm_tool(package: &str, version: &str, dir: &Path, present: impl Fn() -> bool) -> Result<()> {
    if present() {
        return Ok(());
    }
    ensure_npm()?;
    eprintln!(
        "xtask: installing {package} {version} into {}",
        dir.display()
    );
    std::fs::create_dir_all(dir)?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir)
        .arg(format!("{package}@{version}")))?;
    if present() {
        Ok(())
    } else {
        Err(format!(
            "{package} {version} installed into {}, but not found there",
            dir.display()
        )
        .into())
    }
}

/// odoorpc, installed with pip into its own folder (put on PYTHONPATH by
/// the test that uses it). Returns the folder.
pub fn ensure_odoorpc() -> Result<PathBuf> {
    let dir = tools_dir().join(format!("odoorpc-{ODOORPC_VERSION}"));
    let marker = dir.join(format!("OdooRPC-{ODOORPC_VERSION}.dist-info"));
    if dir.join("odoorpc").is_dir() && marker.is_dir() {
        return Ok(dir);
    }
    if which("python3").is_none() {
        eprintln!("xtask: installing Python 3 and pip");
        apt_install(&["python3", "python3-pip"])?;
    }
    eprintln!(
        "xtask: installing odoorpc {ODOORPC_VERSION} into {}",
        dir.display()
    );
    run(Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--upgrade", "--target"])
        .arg(&dir)
        .arg(format!("odoorpc=={ODOORPC_VERSION}")))?;
    if dir.join("odoorpc").is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "odoorpc installed, but {} has no odoorpc package",
            dir.display()
        )
        .into())
    }
}

fn ensure_npm() -> Result<()> {
    if which("npm").is_none() {
        eprintln!("xtask: installing Node.js and npm");
        apt_install(&["nodejs", "npm"])?;
    }
    Ok(())
}

fn ensure_wasm_target() -> Result<()> {
    let installed = cmd_output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    eprintln!("xtask: installing the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn installed_version(bin: &Path) -> Option<String> {
    let out = Command::new(bin).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn ensure_cargo_tool(krate: &str, bin: &str, version: &str, locked: bool) -> Result<()> {
    let path = cargo_home().join("bin").join(bin);
    if let Some(v) = installed_version(&path) {
        // "trunk 0.21.14", "wasm-bindgen 0.2.130"
        if v.split_whitespace().nth(1) == Some(version) {
            return Ok(());
        }
        eprintln!("xtask: {bin} is {v}, want {version}: reinstalling");
    } else {
        eprintln!("xtask: installing {krate} {version} (takes a few minutes, once)");
    }
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", version, "--force"]);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd)
}

/// The wasm-bindgen version Cargo.lock resolves: the CLI must match it
/// exactly or trunk tries to download its own.
pub fn wasm_bindgen_version_from_lock() -> Result<String> {
    let lock_path = root().join("Cargo.lock");
    if !lock_path.exists() {
        run(Command::new("cargo")
            .args(["generate-lockfile"])
            .current_dir(root()))?;
    }
    let lock = std::fs::read_to_string(&lock_path)?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn tools_dir() -> PathBuf {
    home().join(".cache").join("staff-pwa-tools")
}

fn ensure_binaryen() -> Result<PathBuf> {
    let dir = tools_dir().join(format!("binaryen-{BINARYEN_VERSION}"));
    let bin = dir.join("node_modules").join(".bin");
    let want = format!("version {BINARYEN_VERSION}");
    npm_tool("binaryen", BINARYEN_NPM_VERSION, &dir, || {
        installed_version(&bin.join("wasm-opt")).is_some_and(|v| v.contains(&want))
    })?;
    Ok(bin)
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    eprintln!("xtask: installing Debian's chromium and chromium-driver");
    apt_install(&["chromium", "chromium-driver"])
}

fn apt_install(pkgs: &[&str]) -> Result<()> {
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    run(Command::new("apt-get").arg("update").envs(env))?;
    run(Command::new("apt-get")
        .args(["install", "-y"])
        .args(pkgs)
        .envs(env))
}

pub fn which(bin: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(bin))
            .find(|p| p.is_file())
    })
}
