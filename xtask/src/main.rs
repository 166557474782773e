//! `cargo xtask run | test | dist | bench | fuzz`: the project's one entry point.
//! It installs what is missing (pinned in `tools.rs`), then builds, serves
//! or tests. See the README.

mod post_build;
mod short_names;
mod split;
mod tally;
mod tools;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage: cargo xtask <command> [options]

commands:
  run   [--listen ADDR] [--odoo URL] [--partners N]
        build the release app and serve it with pwa-server
        (demo backend unless --odoo is given)
  test  fmt, clippy (native and wasm32), native tests, browser tests
        (wasm-bindgen-test) and end-to-end tests in headless Chromium
  dist  build the release app into dist/ and target/release/pwa-server
  bench measure speed and size against the budgets (see README)
  fuzz  [--cases N] bad input at scale: odoo-rpc's decoders and demo-odoo's
        request handling, N cases each (default 100000); none may panic";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match cmd {
        "run" => cmd_run(rest),
        "test" => cmd_test(rest),
        "dist" => cmd_dist().map(|_| ()),
        "bench" => cmd_bench(rest),
        "fuzz" => cmd_fuzz(rest),
        "post-build" => post_build::run(),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("xtask: unknown command {other:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn root() -> PathBuf {
    // xtask lives one level below the workspace root.
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed: {status}").into())
    }
}

pub fn cmd_output(cmd: &mut Command) -> Result<String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

/// The release app in dist/ (trunk, wasm-opt, the worker's precache list).
fn build_app(tools: &tools::Tools) -> Result<PathBuf> {
    let mut trunk = Command::new("trunk");
    trunk.args(["build", "--release"]).current_dir(root());
    tools.trunk_env(&mut trunk);
    run(&mut trunk)?;
    Ok(root().join("dist"))
}

fn build_server(release: bool) -> Result<PathBuf> {
    let mut c = cargo();
    c.args(["build", "-p", "pwa-server"]);
    if release {
        c.arg("--release");
    }
    run(&mut c)?;
    let profile = if release { "release" } else { "debug" };
    Ok(target_dir().join(profile).join("pwa-server"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn cmd_dist() -> Result<(PathBuf, PathBuf)> {
    let tools = tools::ensure_build_tools()?;
    let dist = build_app(&tools)?;
    let server = build_server(true)?;
    println!("app:    {}", dist.display());
    println!("server: {}", server.display());
    Ok((dist, server))
}

fn cmd_run(args: &[String]) -> Result<()> {
    let mut listen = "127.0.0.1:8080".to_string();
    let mut pass = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{a} needs a value"))?
            .clone();
        match a.as_str() {
            "--listen" => listen = value,
            "--odoo" | "--partners" => pass.extend([a.clone(), value]),
            other => return Err(format!("run: unknown option {other}").into()),
        }
    }
    let (dist, server) = cmd_dist()?;
    let demo = !pass.iter().any(|a| a == "--odoo");
    println!();
    println!("Serving the app on http://{listen}/");
    if demo {
        println!("Demo backend: sign in as admin / admin (database \"demo\"; also demo / demo, portal / portal)");
    }
    let mut cmd = Command::new(server);
    cmd.arg("--dist")
        .arg(dist)
        .args(["--listen", &listen])
        .args(&pass);
    if demo {
        cmd.arg("--demo-data").arg(target_dir().join("demo-data"));
    }
    run(&mut cmd)
}

const NATIVE_TESTS: &str = "native tests";
const BROWSER_TESTS: &str = "browser tests (wasm-bindgen-test)";
const E2E_TESTS: &str = "end-to-end tests";

/// The fewest tests each test step must run: the number it runs today. A
/// step that builds and exits 0 having run fewer (a test binary or suite
/// that stopped being picked up) fails. Raise a number when adding tests.
const MIN_TESTS: [(&str, u64); 3] = [(NATIVE_TESTS, 233), (BROWSER_TESTS, 27), (E2E_TESTS, 40)];

fn min_tests(step: &str) -> u64 {
    MIN_TESTS
        .iter()
        .find(|(name, _)| *name == step)
        .map_or(u64::MAX, |(_, min)| *min)
}

fn cmd_test(args: &[String]) -> Result<()> {
    if let Some(a) = args.first() {
        return Err(format!("test: unknown option {a}").into());
    }
    let tools = tools::ensure_test_tools()?;
    let mut t = tally::Tally::default();
    let path = tools.path_env();

    t.check(
        "cargo fmt --check",
        cargo().args(["fmt", "--all", "--", "--check"]),
    );
    t.check(
        "clippy (native)",
        cargo().args([
            "clippy",
            "--workspace",
            "--exclude",
            "staff-pwa",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    );
    // The app as its tests build it, and as trunk does (its parts split
    // off: src/parts.rs).
    let wasm32: [(&str, &[&str]); 2] = [
        ("clippy (wasm32)", &["--all-targets"]),
        ("clippy (wasm32, split)", &["--features", "split"]),
    ];
    for (step, extra) in wasm32 {
        t.check(
            step,
            cargo()
                .args([
                    "clippy",
                    "-p",
                    "staff-pwa",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .args(extra)
                .args(["--", "-D", "warnings"]),
        );
    }
    // odoorpc is for one test; if it cannot be installed that test fails
    // with the reason, and every other native test still runs.
    let mut native = cargo();
    // --no-fail-fast: one failing test binary must not hide the others'
    // results (cargo stops at the first otherwise), in every step.
    native.args([
        "test",
        "--no-fail-fast",
        "--workspace",
        "--exclude",
        "staff-pwa",
        "--exclude",
        "e2e",
    ]);
    match tools::ensure_odoorpc() {
        Ok(odoorpc) => {
            native.env("ODOORPC_PATH", odoorpc);
        }
        Err(e) => t.fail(
            "install odoorpc (a third-party Odoo client)",
            &e.to_string(),
        ),
    }
    t.tests(NATIVE_TESTS, min_tests(NATIVE_TESTS), &mut native);
    t.tests(
        BROWSER_TESTS,
        min_tests(BROWSER_TESTS),
        cargo()
            .args([
                "test",
                "--no-fail-fast",
                "-p",
                "staff-pwa",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("PATH", &path)
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "60"),
    );
    let built =
        build_app(&tools).and_then(|dist| Ok((dist, build_server(false)?, tools::ensure_axe()?)));
    match built {
        Ok((dist, server, axe)) => t.tests(
            E2E_TESTS,
            min_tests(E2E_TESTS),
            cargo()
                .args([
                    "test",
                    "--no-fail-fast",
                    "-p",
                    "e2e",
                    "--",
                    "--test-threads",
                    "2",
                ])
                .env("PWA_DIST", dist)
                .env("PWA_SERVER_BIN", server)
                .env("AXE_JS", axe)
                .env("CHROMEDRIVER", tools::CHROMEDRIVER)
                .env("CHROMIUM", tools::CHROMIUM),
        ),
        Err(e) => t.fail(E2E_TESTS, &format!("build: {e}")),
    }
    t.finish()
}

/// The fuzz targets are property tests (proptest) run at scale: cargo-fuzz
/// needs a nightly compiler this machine cannot fetch.
fn cmd_fuzz(args: &[String]) -> Result<()> {
    let cases: u64 = match args {
        [] => 100_000,
        [flag, n] if flag == "--cases" => n
            .parse()
            .map_err(|_| format!("--cases {n}: not a number"))?,
        _ => return Err("fuzz: usage: cargo xtask fuzz [--cases N]".into()),
    };
    for (krate, target) in [("odoo-rpc", "fuzz"), ("demo-odoo", "fuzz")] {
        let started = std::time::Instant::now();
        run(cargo()
            .args([
                "test",
                "--release",
                "-p",
                krate,
                "--test",
                target,
                "--",
                "--test-threads",
                "2",
            ])
            .env("FUZZ_CASES", cases.to_string()))?;
        println!(
            "fuzz: {krate}: {cases} cases per target, no panic, {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn cmd_bench(args: &[String]) -> Result<()> {
    let tools = tools::ensure_test_tools()?;
    let dist = build_app(&tools)?;
    let server = build_server(true)?;
    run(cargo()
        .args(["run", "--release", "-p", "e2e", "--bin", "bench", "--"])
        .args(args)
        .env("PWA_DIST", dist)
        .env("PWA_SERVER_BIN", server)
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("CHROMIUM", tools::CHROMIUM))
}
