//! Reads the wire transcripts captured from real Odoo 16 and 18 servers
//! (`fixtures/odoo-wire/{16,18}/*.txt`, described in their INDEX.txt).
//!
//! A transcript has a header of `=== ` lines, then sections:
//! `--- REQUEST (as sent by curl)` (request line, headers, blank line,
//! body), `--- RESPONSE STATUS + HEADERS (raw)` (one status block per
//! response, several when curl followed redirects), and
//! `--- RESPONSE BODY (raw, N bytes)…` whose body runs to the line
//! `--- RESPONSE BODY (pretty-printed…` or to the end of the file.

#![allow(dead_code)] // each test file uses its own part of this

use serde_json::Value;
use std::path::{Path, PathBuf};

pub const VERSIONS: [&str; 2] = ["16", "18"];

const REQUEST: &str = "--- REQUEST (as sent by curl)\n";
const RESPONSE_HEAD: &str = "--- RESPONSE STATUS + HEADERS (raw)\n";
const RESPONSE_BODY: &str = "--- RESPONSE BODY (raw, ";
const PRETTY: &str = "\n--- RESPONSE BODY (pretty-printed";

#[derive(Clone, Debug)]
pub struct Transcript {
    /// `"16/01-authenticate-ok.txt"`.
    pub name: String,
    pub method: String,
    /// The request path without the query string.
    pub path: String,
    pub request_headers: Vec<(String, String)>,
    pub request_body: String,
    /// The final response's status (after any redirect curl followed).
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Transcript {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// The request's JSON-RPC `params`, when it sent any.
    pub fn params(&self) -> Option<Value> {
        let v: Value = serde_json::from_str(&self.request_body).ok()?;
        v.get("params").cloned()
    }

    /// The response body as JSON (panics when it is not: for tests that
    /// know it is).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{}: body is not JSON: {e}", self.name))
    }

    /// The answer's `result` (panics when there is none).
    pub fn result(&self) -> Value {
        self.json()
            .get("result")
            .cloned()
            .unwrap_or_else(|| panic!("{}: no result", self.name))
    }
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/odoo-wire")
}

/// Every transcript file name, `"16/…"` and `"18/…"`, sorted.
pub fn names() -> Vec<String> {
    let mut names = Vec::new();
    for version in VERSIONS {
        let dir = fixtures_dir().join(version);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let file = entry.unwrap().file_name().into_string().unwrap();
            if file.ends_with(".txt") && file != "INDEX.txt" {
                names.push(format!("{version}/{file}"));
            }
        }
    }
    names.sort();
    names
}

pub fn all() -> Vec<Transcript> {
    names().iter().map(|n| load(n)).collect()
}

pub fn load(name: &str) -> Transcript {
    let path = fixtures_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse(name, &text).unwrap_or_else(|why| panic!("{name}: {why}"))
}

pub fn parse(name: &str, text: &str) -> Result<Transcript, String> {
    let request = section(text, REQUEST, RESPONSE_HEAD).ok_or("no REQUEST section")?;
    let (head, request_body) = request.split_once("\n\n").unwrap_or((request, ""));
    let mut lines = head.lines();
    let request_line = lines.next().ok_or("empty request")?;
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().ok_or("request line has no target")?;
    let path = target.split('?').next().unwrap_or(target).to_string();
    let request_headers = lines.filter_map(header_line).collect();

    let response =
        section(text, RESPONSE_HEAD, RESPONSE_BODY).ok_or("no RESPONSE STATUS section")?;
    // With redirects followed, the last status block is the answer's.
    let last = response
        .rfind("HTTP/")
        .map(|i| &response[i..])
        .ok_or("no status line")?;
    let mut lines = last.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(header_line)
        .collect();

    let body_start = text.find(RESPONSE_BODY).ok_or("no RESPONSE BODY section")?;
    let marker_and_body = &text[body_start + RESPONSE_BODY.len()..];
    let (marker, rest) = marker_and_body
        .split_once('\n')
        .unwrap_or((marker_and_body, ""));
    let mut body = match rest.find(PRETTY) {
        Some(end) => &rest[..end],
        None => rest,
    };
    // Unless the traceback was cut (then N is the original's size), the
    // marker gives the exact size: the file may add a newline after it.
    if !marker.contains("elided") {
        if let Some(n) = marker
            .split(' ')
            .next()
            .and_then(|n| n.parse::<usize>().ok())
        {
            if n < body.len() && body.is_char_boundary(n) {
                body = &body[..n];
            }
        }
    }

    Ok(Transcript {
        name: name.to_string(),
        method,
        path,
        request_headers,
        request_body: request_body.trim_end_matches('\n').to_string(),
        status,
        headers,
        body: body.to_string(),
    })
}

fn section<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end).map_or(text.len(), |i| from + i);
    Some(text[from..to].trim_end_matches('\n'))
}

fn header_line(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    Some((k.trim().to_string(), v.trim().to_string()))
}
