//! The wire transcripts captured from real Odoo 16 and 18 servers
//! (`fixtures/odoo-wire/{16,18}/*.txt`), through the workspace's one
//! reader: a failure to read one is a failed test, with its name.

#![allow(dead_code)] // each test file uses its own part of this

pub use wire_transcripts::Transcript;

/// The versions whose every transcript this crate's table lists.
pub const VERSIONS: [u8; 2] = [16, 18];

/// Every transcript file name, `"16/…"` and `"18/…"`, sorted.
pub fn names() -> Vec<String> {
    let mut names = Vec::new();
    for version in VERSIONS {
        names.extend(wire_transcripts::names(version).unwrap_or_else(|e| panic!("{e}")));
    }
    names
}

pub fn all() -> Vec<Transcript> {
    names().iter().map(|n| load(n)).collect()
}

pub fn load(name: &str) -> Transcript {
    wire_transcripts::read(name).unwrap_or_else(|e| panic!("{e}"))
}
