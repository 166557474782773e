//! Every captured exchange we mimic, replayed: the transcript's own request
//! (its method, path, content type and body, the database renamed) is sent
//! to the demo in the same mode (16 to 19, read path and write/; one or
//! several databases; signed in as the same user or not), and the answer
//! is compared with the captured one: status, then key for key and type
//! for type, and for errors the code, message, exception name and text;
//! werkzeug's HTML pages byte for byte.

mod common;

use common::*;
use serde_json::Value;

#[derive(Clone, Copy, Debug)]
enum Who {
    /// No cookie, or the transcript's own (bogus) one.
    Nobody,
    Admin,
    Demo,
    Portal,
}

#[derive(Clone, Copy, Debug)]
enum Check {
    /// JSON: same keys and types everywhere.
    Shape,
    /// JSON: same keys everywhere (record values may be false or text).
    Keys,
    /// An error envelope; `true`: the message text must match too.
    Error(bool),
    /// The body byte for byte (HTML pages, bare texts), and content type.
    Exact,
}

struct Case {
    prefix: &'static str,
    mono: bool,
    who: Who,
    check: Check,
    /// An id the probes had created and deleted before this exchange: in
    /// the request and the answer it becomes [`NEVER`], an id the demo
    /// never had (the demo has its own records at the probes' ids).
    gone: Option<i64>,
}

const NEVER: i64 = 999_999;

const fn case(prefix: &'static str, mono: bool, who: Who, check: Check) -> Case {
    Case {
        prefix,
        mono,
        who,
        check,
        gone: None,
    }
}

/// A write-path exchange (all captured on one database) about a deleted
/// record.
const fn gone(prefix: &'static str, who: Who, check: Check, id: i64) -> Case {
    Case {
        gone: Some(id),
        ..case(prefix, true, who, check)
    }
}

/// `text` with the number `from` (as a whole number) written as `to`.
fn renumber(text: &str, from: i64, to: i64) -> String {
    let (from, to) = (from.to_string(), to.to_string());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&from) {
        out.push_str(&rest[..at]);
        let before = out.chars().last();
        let after = rest[at + from.len()..].chars().next();
        let whole = !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit());
        out.push_str(if whole { &to } else { &from });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

use Check::*;
use Who::*;

// Left out on every version, because the demo does not do what they
// need:
// - avatars answered with an image (11c…): Odoo's own pictures, byte for
//   byte; the demo draws its own (tests/avatars.rs checks the headers and
//   the caching);
// - the web client's HTML pages (11b…, 20b, 20d; 19's 20a, 20c): the demo
//   serves no web client;
// - write/: tests/write_path.rs replays the whole folder in order (what
//   is created, written, archived and deleted, and what reads it back);
//   here are only the exchanges that stand alone, also checked for the
//   cookies they set.

const V16: &[Case] = &[
    case("01", false, Nobody, Shape),
    // Captured on a second database whose admin has no time zone.
    case("01b", false, Nobody, Keys),
    case("02", false, Nobody, Error(true)),
    case("02", true, Nobody, Error(true)),
    case("03", false, Nobody, Error(true)),
    case("03b", false, Nobody, Error(true)),
    case("04a", false, Admin, Shape),
    case("04b", false, Nobody, Exact),
    case("04c", false, Nobody, Exact),
    case("04d", true, Nobody, Error(true)),
    case("05a", false, Admin, Keys),
    case("05b", false, Admin, Keys),
    case("05c", false, Admin, Keys),
    case("06a", false, Admin, Shape),
    case("06a2", false, Admin, Shape),
    case("06b", false, Admin, Keys),
    case("06c", false, Admin, Keys),
    case("06c2", false, Admin, Keys),
    case("06d", false, Admin, Keys),
    case("06e", false, Admin, Keys),
    case("06f", false, Admin, Keys),
    case("06g", false, Admin, Shape),
    case("07a", false, Nobody, Exact),
    case("07b", false, Nobody, Exact),
    case("07c", false, Nobody, Exact),
    case("07d", true, Nobody, Error(true)),
    case("07e", true, Nobody, Error(true)),
    case("07f", true, Nobody, Error(true)),
    case("08a", false, Admin, Error(true)),
    case("08b", false, Admin, Error(true)),
    case("08c", false, Admin, Error(true)),
    case("08d", false, Admin, Error(true)),
    case("08d2", false, Admin, Error(true)),
    case("08d3", false, Admin, Error(true)),
    case("08e", false, Admin, Error(true)),
    case("08e2", false, Admin, Error(true)),
    case("08e3", false, Admin, Error(true)),
    case("08e4", false, Admin, Error(true)),
    case("08f", false, Admin, Exact),
    case("08f2", false, Admin, Exact),
    case("08g", false, Admin, Exact),
    case("08g2", false, Admin, Exact),
    case("08g3", false, Admin, Shape),
    case("08g4", false, Admin, Exact),
    case("08h", false, Admin, Exact),
    case("08h2", false, Admin, Shape),
    case("08i", false, Admin, Exact),
    case("09a", false, Admin, Shape),
    case("09d", true, Admin, Shape),
    case("09f", false, Nobody, Exact),
    case("10a", false, Nobody, Shape),
    case("10b", true, Nobody, Shape),
    case("11a", false, Nobody, Shape),
    case("11a2", false, Nobody, Exact),
    case("11c3", false, Nobody, Exact),
    case("12a", false, Nobody, Shape),
    case("12b", false, Portal, Shape),
    case("12b2", false, Portal, Keys),
    case("12c", false, Portal, Error(true)),
    case("12d", false, Portal, Error(true)),
    case("12e", false, Portal, Error(true)),
    case("12f", false, Portal, Shape),
    case("12g", false, Nobody, Shape),
    case("13a", false, Nobody, Exact),
    case("13a2", false, Admin, Exact),
    case("13a3", false, Nobody, Exact),
    case("13a4", true, Nobody, Exact),
    case("13e", false, Admin, Exact),
    case("14a", false, Admin, Shape),
    case("14c", false, Admin, Shape),
    case("14d", false, Admin, Shape),
    case("15a", true, Nobody, Shape),
    case("15b", true, Admin, Shape),
    case("15c", true, Nobody, Error(true)),
    // The write path's exchanges that stand alone.
    case("write/03a", true, Admin, Error(true)),
    case("write/03b", true, Admin, Error(true)),
    case("write/03c", true, Admin, Error(true)),
    case("write/06a", true, Portal, Error(true)),
    case("write/06a2", true, Portal, Error(true)),
    gone("write/06b", Admin, Error(true), 57),
    gone("write/06b2", Admin, Shape, 57),
    case("write/06i", true, Admin, Keys),
    case("write/07d2", true, Demo, Error(true)),
    gone("write/08c", Admin, Error(true), 57),
    case("write/08i", true, Portal, Error(true)),
    // The pickers the edit form uses.
    case("write/00e", true, Admin, Shape),
    case("write/07a", true, Admin, Shape),
    // The demo has fewer countries than Odoo.
    case("write/07c", true, Admin, Keys),
    case("write/07c2", true, Admin, Keys),
];

// Left out on 17 to 19, besides the above: 12i (`ir.config_parameter`,
// a model the demo does not have), 09 (a sign-in, as 01), and on 18 and
// 19 write/00e, where Odoo happened to renew the session cookie on an
// ordinary call (it may, 17/18 DIFF notes; the demo never does).

/// The probes 17, 18 and 19 share, with the same check on each.
const SAME_17_TO_19: &[Case] = &[
    case("01", true, Nobody, Shape),
    case("01b", true, Nobody, Shape),
    case("01c", true, Nobody, Shape),
    case("02", true, Nobody, Error(true)),
    case("03", true, Nobody, Error(true)),
    case("03b", true, Nobody, Error(true)),
    case("03c", true, Nobody, Error(true)),
    case("04a", true, Admin, Shape),
    case("04b", true, Nobody, Error(true)),
    case("04c", true, Nobody, Error(true)),
    case("05a", true, Admin, Keys),
    case("05b", true, Admin, Keys),
    case("06a", true, Admin, Shape),
    case("06a2", true, Admin, Shape),
    case("06d", true, Admin, Shape),
    case("06d2", true, Admin, Error(true)),
    case("06d3", true, Admin, Shape),
    case("06d4", true, Admin, Error(true)),
    case("06d5", true, Admin, Keys),
    case("06f", true, Admin, Keys),
    case("06g", true, Admin, Shape),
    case("07d", true, Nobody, Error(true)),
    case("07e", true, Nobody, Error(true)),
    case("08a", true, Admin, Error(true)),
    case("08a2", true, Nobody, Error(true)),
    case("08b", true, Admin, Error(true)),
    case("08b2", true, Admin, Error(true)),
    case("08c", true, Admin, Error(true)),
    case("08d", true, Admin, Error(true)),
    case("08d2", true, Admin, Error(true)),
    case("08d3", true, Admin, Error(true)),
    case("08e", true, Admin, Error(true)),
    case("08e2", true, Admin, Error(true)),
    case("08e3", true, Admin, Error(true)),
    case("08e4", true, Admin, Error(true)),
    case("08e5", true, Admin, Error(true)),
    case("08f3", true, Admin, Exact),
    case("08f4", true, Admin, Exact),
    case("08f5", true, Nobody, Error(true)),
    case("08g2", true, Admin, Exact),
    case("08h2", true, Admin, Shape),
    case("08i", true, Admin, Exact),
    case("09a", true, Admin, Shape),
    case("09f", true, Nobody, Error(true)),
    case("10a", true, Nobody, Shape),
    case("11a", true, Nobody, Shape),
    case("11a2", true, Nobody, Exact),
    case("12a", true, Nobody, Shape),
    case("12g", true, Nobody, Shape),
    case("12h", true, Demo, Shape),
    case("14a", true, Admin, Shape),
    case("14b", true, Admin, Exact),
    case("14d", true, Admin, Shape),
    // The write path's exchanges that stand alone.
    case("write/03c", true, Admin, Error(true)),
    case("write/06a2", true, Portal, Error(true)),
    case("write/06i", true, Admin, Error(true)),
    case("write/07d", true, Admin, Error(true)),
    case("write/07d2", true, Demo, Error(true)),
    case("write/08i", true, Portal, Error(true)),
    // The pickers the edit form uses.
    case("write/07a", true, Admin, Shape),
    // The demo has fewer countries than Odoo.
    case("write/07c", true, Admin, Keys),
    case("write/07c2", true, Admin, Keys),
];

/// What 17 answers apart from [`SAME_17_TO_19`].
const V17: &[Case] = &[
    case("06e", true, Admin, Keys),
    case("08f", true, Admin, Exact),
    case("08f2", true, Admin, Exact),
    case("09b", true, Nobody, Error(true)),
    case("09c", true, Nobody, Error(true)),
    case("11a3", true, Nobody, Shape),
    // 17 has none of 19's new routes.
    case("20a", true, Admin, Exact),
    case("20c", true, Admin, Exact),
    case("20e", true, Nobody, Exact),
    case("20f", true, Admin, Exact),
    case("20g", true, Nobody, Exact),
    case("20h", true, Nobody, Shape),
    case("write/06a", true, Portal, Error(true)),
    gone("write/06b", Admin, Error(true), 47),
    gone("write/06b2", Admin, Shape, 47),
    gone("write/08c", Admin, Error(true), 47),
    // The pickers the edit form uses.
    case("write/00e", true, Admin, Shape),
];

/// What 18 answers apart from [`SAME_17_TO_19`].
const V18: &[Case] = &[
    case("06e", true, Admin, Keys),
    case("08f", true, Admin, Error(true)),
    case("08f2", true, Admin, Error(true)),
    case("write/06a", true, Portal, Error(true)),
    gone("write/06b", Admin, Error(true), 48),
    gone("write/06b2", Admin, Shape, 48),
    gone("write/08c", Admin, Error(true), 48),
];

// 19 also leaves out 20e and 20f: the `/json/2` API (Bearer API keys),
// which the demo does not serve, and 11c3, whose only difference (no
// cookie with the placeholder) sits on a binary answer.
/// What 19 answers apart from [`SAME_17_TO_19`].
const V19: &[Case] = &[
    case("06e", true, Admin, Error(true)),
    case("06e2", true, Admin, Keys),
    case("08f", true, Admin, Error(true)),
    case("08f2", true, Admin, Error(true)),
    case("09b", true, Nobody, Error(true)),
    case("09c", true, Nobody, Error(true)),
    case("11a3", true, Nobody, Shape),
    case("20g", true, Nobody, Shape),
    case("20h", true, Nobody, Shape),
    // 19's portal user is uid 6 (the demo's is 7), named in the text.
    case("write/06a", true, Portal, Error(false)),
    gone("write/06b", Admin, Error(true), 60),
    gone("write/06b2", Admin, Shape, 60),
    gone("write/08c", Admin, Error(true), 60),
];

async fn replay(version: u8, c: &Case, servers: &[Server; 2]) -> Result<(), String> {
    let mut t = transcript(version, c.prefix);
    if let Some(id) = c.gone {
        t.request_body = renumber(&t.request_body, id, NEVER);
        t.body = renumber(&t.body, id, NEVER);
    }
    let server = &servers[usize::from(c.mono)];
    let client = bare_client();
    let cookie = match c.who {
        Nobody => t.request_header("Cookie").map(str::to_string),
        who => {
            let login = match who {
                Admin => "admin",
                Demo => "demo",
                _ => "portal",
            };
            let a = rpc(
                &client,
                &server.url,
                "/web/session/authenticate",
                serde_json::json!({"db": "demo", "login": login, "password": login}),
            )
            .await;
            Some(format!(
                "session_id={}",
                a.session_cookie().ok_or("no session cookie")?
            ))
        }
    };
    let method = reqwest::Method::from_bytes(t.method.as_bytes()).unwrap();
    let mut req = client.request(method, format!("{}{}", server.url, t.path));
    if let Some(ct) = t.request_header("Content-Type") {
        req = req.header("content-type", ct);
    }
    if let Some(cookie) = cookie {
        req = req.header("cookie", cookie);
    }
    for h in [
        "Origin",
        "Access-Control-Request-Method",
        "Access-Control-Request-Headers",
    ] {
        if let Some(v) = t.request_header(h) {
            req = req.header(h, v);
        }
    }
    let body = t.body_for("demo");
    if !body.is_empty() {
        req = req.body(body);
    }
    let ours = answer(req.send().await.map_err(|e| e.to_string())?).await;
    if ours.status.as_u16() != t.status {
        return Err(format!(
            "status {} where Odoo said {}: {}",
            ours.status, t.status, ours.text
        ));
    }
    let result = match c.check {
        Exact => {
            let ct = ours
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if Some(ct) != t.header("Content-Type") {
                Err(format!(
                    "content type {ct:?} where Odoo said {:?}",
                    t.header("Content-Type")
                ))
            } else if ours.text != t.body {
                Err(format!(
                    "body\n{:?}\nwhere Odoo said\n{:?}",
                    ours.text, t.body
                ))
            } else {
                Ok(())
            }
        }
        Shape | Keys | Error(_) => {
            let theirs = t.json();
            let mine: Value = serde_json::from_str(&ours.text)
                .map_err(|e| format!("not JSON ({e}): {}", ours.text))?;
            // The envelope's keys in Odoo's order, as written.
            let order_ours = top_level_keys_in_order(&ours.text);
            let order_theirs = top_level_keys_in_order(&t.body);
            if order_ours != order_theirs {
                return Err(format!(
                    "envelope keys {order_ours:?} where Odoo wrote {order_theirs:?}"
                ));
            }
            match c.check {
                Shape => same_shape(&mine, &theirs),
                Keys => same_keys(&mine, &theirs),
                Error(text) => same_error(&mine, &theirs, text),
                Exact => unreachable!(),
            }
        }
    };
    // Whether a session cookie is (re)set matters to clients too.
    let set = !ours.set_cookies().is_empty();
    let odoo_set = !t.headers_named("Set-Cookie").is_empty();
    if set != odoo_set {
        return Err(format!("Set-Cookie sent: {set}, by Odoo: {odoo_set}"));
    }
    result
}

async fn replay_all(version: u8, tables: &[&[Case]]) {
    // One server per mode; every case signs in afresh.
    let servers = [start(config(version)).await, start(mono(version)).await];
    let mut failures = Vec::new();
    let cases: Vec<&Case> = tables.iter().flat_map(|t| t.iter()).collect();
    for c in &cases {
        if let Err(e) = replay(version, c, &servers).await {
            failures.push(format!(
                "{version}/{} ({}): {e}",
                c.prefix,
                if c.mono { "one db" } else { "several dbs" }
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn odoo_16_exchanges() {
    replay_all(16, &[V16]).await;
}

#[tokio::test]
async fn odoo_17_exchanges() {
    replay_all(17, &[SAME_17_TO_19, V17]).await;
}

#[tokio::test]
async fn odoo_18_exchanges() {
    replay_all(18, &[SAME_17_TO_19, V18]).await;
}

#[tokio::test]
async fn odoo_19_exchanges() {
    replay_all(19, &[SAME_17_TO_19, V19]).await;
}
