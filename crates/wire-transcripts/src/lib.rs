//! The wire transcripts captured from real Odoo servers
//! (`fixtures/odoo-wire/<version>/…`, described in that folder's
//! README.md), read the same way by every crate's tests: odoo-rpc decodes
//! them, demo-odoo replays them. One reader, so the crates cannot disagree
//! about what a transcript says.
//!
//! Dev-only: a `[dev-dependencies]` entry, never a dependency of anything
//! that ships (it reads the source tree at run time). It depends on no
//! crate of this workspace, so any crate's tests may use it.
//!
//! A transcript has a header of `=== ` lines, then sections:
//! `--- REQUEST (as sent by curl)` (request line, headers, blank line,
//! body), `--- RESPONSE STATUS + HEADERS (raw)` (one status block per
//! response: several when curl followed redirects), and
//! `--- RESPONSE BODY (raw, N bytes)…`, whose body runs to the line
//! `--- RESPONSE BODY (pretty-printed…` or to the end of the file.

use serde_json::Value;
use std::path::{Path, PathBuf};

const REQUEST: &str = "--- REQUEST (as sent by curl)\n";
const RESPONSE_HEAD: &str = "--- RESPONSE STATUS + HEADERS (raw)\n";
const RESPONSE_BODY: &str = "--- RESPONSE BODY (raw, ";
const PRETTY: &str = "\n--- RESPONSE BODY (pretty-printed";
/// On a body whose traceback was cut: its byte count is the original's.
const ELIDED: &str = "elided";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{name}: {why}")]
    Malformed { name: String, why: &'static str },
    #[error("{dir}: {found} transcripts start with {prefix:?}, not one")]
    NotOne {
        dir: PathBuf,
        prefix: String,
        found: usize,
    },
}

#[derive(Clone, Debug)]
pub struct Transcript {
    /// Relative to the fixtures folder: `"16/01-authenticate-ok.txt"`,
    /// `"18/write/06a-….txt"`.
    pub name: String,
    /// The Odoo major it was captured from (the name's first folder).
    pub version: u8,
    pub method: String,
    /// The request line's target as curl sent it, query included: a
    /// replay must send the same (`?db=…` changes Odoo's answer).
    pub path: String,
    pub request_headers: Vec<(String, String)>,
    pub request_body: String,
    /// The last response's status: with redirects followed, the body is
    /// the last response's (16/11b4: a 302, then the 200 whose 5039 bytes
    /// the body section holds).
    pub status: u16,
    /// The last response's headers, in order.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Transcript {
    /// The path without its query: what Odoo routes on.
    pub fn route(&self) -> &str {
        self.path.split('?').next().unwrap_or(&self.path)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers_named(name).into_iter().next()
    }

    /// Every value of a header that may repeat (`Set-Cookie`).
    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        named(&self.headers, name)
    }

    pub fn request_header(&self, name: &str) -> Option<&str> {
        named(&self.request_headers, name).into_iter().next()
    }

    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// The request's JSON-RPC `params`, when it sent any.
    pub fn params(&self) -> Option<Value> {
        let v: Value = serde_json::from_str(&self.request_body).ok()?;
        v.get("params").cloned()
    }

    /// The response body as JSON; panics when it is not, for the tests
    /// that know it is.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{}: body is not JSON: {e}", self.name))
    }

    /// The answer's `result`; panics when there is none.
    pub fn result(&self) -> Value {
        self.json()
            .get("result")
            .cloned()
            .unwrap_or_else(|| panic!("{}: no result", self.name))
    }
}

fn named<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/odoo-wire")
}

/// The transcripts of `version`'s own folder (not its `write/`), as
/// `"<version>/<file>"`, sorted.
pub fn names(version: u8) -> Result<Vec<String>, Error> {
    let dir = fixtures_dir().join(version.to_string());
    let io = |source| Error::Io {
        path: dir.clone(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(io)? {
        let file = entry.map_err(io)?.file_name();
        let file = file.to_string_lossy();
        if file.ends_with(".txt") && file != "INDEX.txt" {
            names.push(format!("{version}/{file}"));
        }
    }
    names.sort();
    Ok(names)
}

/// The transcript `name` (relative to the fixtures folder).
pub fn read(name: &str) -> Result<Transcript, Error> {
    let path = fixtures_dir().join(name);
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io { path, source })?;
    parse(name, &text)
}

/// The one transcript `<version>/<prefix>-….txt`; a prefix `write/06a`
/// looks in the version's `write/` folder.
pub fn find(version: u8, prefix: &str) -> Result<Transcript, Error> {
    let (sub, prefix) = prefix.rsplit_once('/').unwrap_or(("", prefix));
    let folder = Path::new(&version.to_string()).join(sub);
    let dir = fixtures_dir().join(&folder);
    let io = |source| Error::Io {
        path: dir.clone(),
        source,
    };
    let start = format!("{prefix}-");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(io)? {
        let file = entry.map_err(io)?.file_name();
        if file.to_string_lossy().starts_with(&start) {
            found.push(file);
        }
    }
    match found.as_slice() {
        [file] => read(&folder.join(file).to_string_lossy()),
        _ => Err(Error::NotOne {
            dir,
            prefix: prefix.to_string(),
            found: found.len(),
        }),
    }
}

pub fn parse(name: &str, text: &str) -> Result<Transcript, Error> {
    let bad = |why| Error::Malformed {
        name: name.to_string(),
        why,
    };
    let version = name
        .split('/')
        .next()
        .and_then(|v| v.parse().ok())
        .ok_or(bad("the name does not start with a version folder"))?;

    let request = section(text, REQUEST, RESPONSE_HEAD).ok_or(bad("no REQUEST section"))?;
    let (head, request_body) = request.split_once("\n\n").unwrap_or((request, ""));
    let mut lines = head.lines();
    let mut request_line = lines.next().ok_or(bad("empty request"))?.split(' ');
    let method = request_line.next().unwrap_or_default().to_string();
    let path = request_line
        .next()
        .ok_or(bad("the request line has no target"))?
        .to_string();
    let request_headers = lines.filter_map(header_line).collect();

    let response =
        section(text, RESPONSE_HEAD, RESPONSE_BODY).ok_or(bad("no RESPONSE STATUS section"))?;
    let at = response.rfind("\nHTTP/").map_or(0, |i| i + 1);
    let mut last = response[at..].lines();
    let status = last
        .next()
        .filter(|l| l.starts_with("HTTP/"))
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or(bad("bad status line"))?;
    let headers = last
        .take_while(|l| !l.is_empty())
        .filter_map(header_line)
        .collect();

    let body_start = text
        .find(RESPONSE_BODY)
        .ok_or(bad("no RESPONSE BODY section"))?;
    let marker_and_body = &text[body_start + RESPONSE_BODY.len()..];
    let (marker, rest) = marker_and_body
        .split_once('\n')
        .unwrap_or((marker_and_body, ""));
    let mut body = rest.find(PRETTY).map_or(rest, |end| &rest[..end]);
    if marker.contains(ELIDED) {
        body = body.trim_end_matches('\n');
    } else if let Some(n) = marker
        .split(' ')
        .next()
        .and_then(|n| n.parse::<usize>().ok())
    {
        // The file may add a newline after the body; a body shortened for
        // reading ("[... truncated …]") stays as the file has it.
        if n < body.len() && body.is_char_boundary(n) {
            body = &body[..n];
        }
    }

    Ok(Transcript {
        name: name.to_string(),
        version,
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

#[cfg(test)]
mod tests {
    use super::*;

    const FOLLOWED: &str = "=== a probe\n\n--- REQUEST (as sent by curl)\n\
GET /web/login?db=x HTTP/1.1\nHost: h:8069\n\n\n\
--- RESPONSE STATUS + HEADERS (raw)\n\
HTTP/1.0 302 FOUND\nLocation: /web/login\nSet-Cookie: a=1\n\n\
HTTP/1.0 200 OK\nContent-Type: text/plain\nWWW-Authenticate: Bearer \n\n\
--- RESPONSE BODY (raw, 2 bytes)\nok\n";

    #[test]
    fn after_a_redirect_the_last_answer_counts() {
        let t = parse("16/x.txt", FOLLOWED).unwrap();
        assert_eq!((t.version, t.method.as_str()), (16, "GET"));
        assert_eq!(
            (t.path.as_str(), t.route()),
            ("/web/login?db=x", "/web/login")
        );
        assert_eq!(t.request_header("host"), Some("h:8069"));
        assert_eq!(t.status, 200);
        assert_eq!(t.header("content-type"), Some("text/plain"));
        assert_eq!(t.header("WWW-Authenticate"), Some("Bearer"));
        assert!(t.headers_named("Set-Cookie").is_empty(), "{:?}", t.headers);
        assert_eq!(t.body, "ok", "cut to the marker's size");
    }

    #[test]
    fn an_elided_body_runs_to_the_pretty_print() {
        let text = FOLLOWED.replace(
            "(raw, 2 bytes)\nok\n",
            "(raw, 900 bytes) — traceback elided below; byte count is the original's\n\
{\"id\": 1}\n\n--- RESPONSE BODY (pretty-printed JSON, for reading)\n{\n  \"id\": 1\n}\n",
        );
        let t = parse("18/x.txt", &text).unwrap();
        assert_eq!(t.body, "{\"id\": 1}");
        assert_eq!(t.json()["id"], 1);
    }

    #[test]
    fn what_is_not_a_transcript_says_why() {
        let no_status = FOLLOWED.replace("HTTP/1.0 ", "");
        for (name, text) in [("16/x.txt", "nothing"), ("16/x.txt", no_status.as_str())] {
            assert!(matches!(parse(name, text), Err(Error::Malformed { .. })));
        }
        assert!(matches!(
            parse("x.txt", FOLLOWED),
            Err(Error::Malformed { .. })
        ));
    }
}
