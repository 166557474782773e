//! Compiles the message catalogues (i18n/*.ftl) into `$OUT_DIR/i18n/`, for
//! the browser tests to load (the app itself fetches them from the server:
//! they are not compiled into the WebAssembly). A broken catalogue stops
//! the build here, with what is wrong.

fn main() {
    println!("cargo::rerun-if-changed=i18n");
    // The splitter (xtask/src/split.rs) reads the linker's relocations to
    // move functions between files.
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg=--emit-relocs");
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(e) = catalogues::write_all(std::path::Path::new("i18n"), &out.join("i18n")) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
