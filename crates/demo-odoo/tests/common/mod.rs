//! Test harness: the router served over real HTTP on 127.0.0.1:0, a
//! cookie-keeping client, the captured Odoo transcripts, and a comparison
//! of JSON shapes (same keys at every level, same types, lists as long as
//! Odoo's where the data is the same).
#![allow(dead_code)]

use axum::extract::ConnectInfo;
use demo_odoo::{Config, DemoOdoo};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub struct Server {
    pub url: String,
    pub demo: DemoOdoo,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A small, fast configuration for `version`.
pub fn config(version: u8) -> Config {
    Config {
        big_partners: 2_000,
        odoo_version: version,
        ..Config::default()
    }
}

/// Only `demo` visible: Odoo's mono-database behaviour.
pub fn mono(version: u8) -> Config {
    Config {
        db_filter: Some("demo".into()),
        ..config(version)
    }
}

pub async fn start(config: Config) -> Server {
    serve(DemoOdoo::open(config).expect("demo opens"), true).await
}

/// Where the demo sees a client served with connect info come from: a
/// documentation address, so on another machine. A peer on this machine
/// is a proxy whose X-Forwarded-For the demo believes (Odoo's proxy rule,
/// `odoo_rpc::forwarded`); the tests mean a client talking to it directly.
pub const CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10));

async fn from_client(mut req: axum::extract::Request) -> axum::extract::Request {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(CLIENT, peer.port())));
    }
    req
}

pub async fn serve(demo: DemoOdoo, connect_info: bool) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = demo.router();
    let task = if connect_info {
        let router = router.layer(axum::middleware::map_request(from_client));
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        })
    } else {
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        })
    };
    Server {
        url: format!("http://{addr}"),
        demo,
        task,
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

/// A client without a cookie jar (cookies set by hand).
pub fn bare_client() -> reqwest::Client {
    reqwest::Client::builder().build().unwrap()
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    pub fn result(&self) -> Value {
        let j = self.json();
        assert!(
            j.get("error").is_none(),
            "an error came back: {}",
            self.text
        );
        j["result"].clone()
    }
    pub fn error(&self) -> Value {
        let j = self.json();
        assert!(
            j.get("error").is_some(),
            "no error came back: {}",
            self.text
        );
        j["error"].clone()
    }
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }
    /// The `session_id` value set by this answer, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.set_cookies().iter().find_map(|c| {
            c.strip_prefix("session_id=")
                .map(|v| v.split(';').next().unwrap().to_string())
        })
    }
}

pub async fn post_raw(
    c: &reqwest::Client,
    url: &str,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> Answer {
    let mut req = c.post(format!("{url}{path}")).body(body.to_string());
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    answer(req.send().await.unwrap()).await
}

pub async fn answer(res: reqwest::Response) -> Answer {
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    Answer {
        status,
        headers,
        text,
    }
}

/// A JSON-RPC call as the Odoo web client sends it.
pub async fn rpc(c: &reqwest::Client, url: &str, path: &str, params: Value) -> Answer {
    let body = json!({"jsonrpc": "2.0", "method": "call", "params": params, "id": 7});
    post_raw(c, url, path, Some("application/json"), &body.to_string()).await
}

pub async fn sign_in(c: &reqwest::Client, url: &str, db: &str, login: &str) -> Value {
    let a = rpc(
        c,
        url,
        "/web/session/authenticate",
        json!({"db": db, "login": login, "password": login}),
    )
    .await;
    a.result()
}

pub async fn call_kw(
    c: &reqwest::Client,
    url: &str,
    model: &str,
    method: &str,
    args: Value,
    kwargs: Value,
) -> Answer {
    rpc(
        c,
        url,
        &format!("/web/dataset/call_kw/{model}/{method}"),
        json!({"model": model, "method": method, "args": args, "kwargs": kwargs}),
    )
    .await
}

/// A signed-in admin on `demo`.
pub async fn admin(s: &Server) -> reqwest::Client {
    let c = client();
    sign_in(&c, &s.url, "demo", "admin").await;
    c
}

// ---------------------------------------------------------------- transcripts

pub use wire_transcripts::Transcript;

/// What the demo needs of a transcript beyond the shared reader.
pub trait ForDemo {
    fn body_for(&self, db: &str) -> String;
}

impl ForDemo for Transcript {
    /// The request body with the captured database's name replaced (each
    /// server had its own; on 18, `odoo_demo` is a database its filter
    /// hides, which the demo's filter hides as well when renamed).
    fn body_for(&self, db: &str) -> String {
        let theirs = [
            "odoo_demo",
            "odoo_empty",
            "odoo17_demo",
            "odoo18_demo",
            "odoo19_demo",
        ];
        let own = match self.version {
            17 => "odoo17_demo",
            18 => "odoo18_demo",
            19 => "odoo19_demo",
            _ => "",
        };
        theirs
            .iter()
            .filter(|name| own.is_empty() || **name == own)
            .fold(self.request_body.clone(), |body, name| {
                body.replace(&format!("\"{name}\""), &format!("\"{db}\""))
            })
    }
}

/// The transcript `<version>/<prefix>-….txt`; a prefix `write/06a` looks
/// in the version's `write/` folder.
pub fn transcript(version: u8, prefix: &str) -> Transcript {
    wire_transcripts::find(version, prefix).unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------- shapes

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Data {
    /// The demo holds what Odoo held (session, version, Odoo's own demo
    /// records): every list as long as Odoo's, every value of its type.
    Same,
    /// Records that may differ: a list may be longer or shorter, but is
    /// empty only where Odoo's is; a field may be `false` (Odoo's empty
    /// value) where the other side has a value.
    Records,
}

/// Same keys at every level, the same JSON types and lists of the same
/// length, item by item: for answers whose data is the same by
/// construction.
pub fn same_shape(ours: &Value, theirs: &Value) -> Result<(), String> {
    shape(ours, theirs, "$", Data::Same)
}

/// Same keys at every level and the same JSON types, `false` standing in
/// for any empty value; lists empty on both sides or on neither, compared
/// item by item (the longer one's extra items against the other's first).
pub fn same_keys(ours: &Value, theirs: &Value) -> Result<(), String> {
    shape(ours, theirs, "$", Data::Records)
}

fn shape(ours: &Value, theirs: &Value, at: &str, data: Data) -> Result<(), String> {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let ka: Vec<&String> = a.keys().collect();
            let kb: Vec<&String> = b.keys().collect();
            let missing: Vec<_> = kb.iter().filter(|k| !a.contains_key(**k)).collect();
            let extra: Vec<_> = ka.iter().filter(|k| !b.contains_key(**k)).collect();
            if !missing.is_empty() || !extra.is_empty() {
                return Err(format!(
                    "{at}: missing keys {missing:?}, extra keys {extra:?}"
                ));
            }
            for (k, v) in a {
                shape(v, &b[k], &format!("{at}.{k}"), data)?;
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) => {
            let lengths_differ = match data {
                Data::Same => a.len() != b.len(),
                // An empty answer against Odoo's records (or the reverse)
                // would otherwise have nothing to compare and pass.
                Data::Records => a.is_empty() != b.is_empty(),
            };
            if lengths_differ {
                return Err(format!(
                    "{at}: ours has {} items, Odoo's {}",
                    a.len(),
                    b.len()
                ));
            }
            for i in 0..a.len().max(b.len()) {
                let x = a.get(i).unwrap_or(&a[0]);
                let y = b.get(i).unwrap_or(&b[0]);
                shape(x, y, &format!("{at}[{i}]"), data)?;
            }
            Ok(())
        }
        (a, b) if kind(a) == kind(b) => Ok(()),
        (Value::Bool(false), b) | (b, Value::Bool(false))
            if data == Data::Records && !b.is_null() =>
        {
            Ok(())
        }
        (a, b) => Err(format!(
            "{at}: ours is {} ({a}), theirs {} ({b})",
            kind(a),
            kind(b)
        )),
    }
}

/// An error envelope against a captured one: same structure, and the same
/// code, message, exception name and (unless instance-specific) text.
pub fn same_error(ours: &Value, theirs: &Value, compare_text: bool) -> Result<(), String> {
    same_shape(ours, theirs)?;
    let pick = |v: &Value, p: &str| v.pointer(p).cloned().unwrap_or(Value::Null);
    let mut paths = vec![
        "/id",
        "/error/code",
        "/error/message",
        "/error/data/name",
        "/error/data/context",
    ];
    if compare_text {
        paths.extend(["/error/data/message", "/error/data/arguments"]);
    }
    for p in paths {
        if pick(ours, p) != pick(theirs, p) {
            return Err(format!(
                "{p}: ours {}, theirs {}",
                pick(ours, p),
                pick(theirs, p)
            ));
        }
    }
    Ok(())
}

/// The text before the first `{`-object key: the envelope's key order.
pub fn top_level_keys_in_order(text: &str) -> Vec<String> {
    // Only the first level: count nesting while scanning for `"key": `.
    let mut keys = Vec::new();
    let mut depth = 0i32;
    let mut in_str = false;
    let mut escaped = false;
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
            } else if *c == '\\' {
                escaped = true;
            } else if *c == '"' {
                in_str = false;
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if depth == 1 && next == Some(&':') {
                    keys.push(current.clone());
                }
            } else {
                current.push(*c);
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                current.clear();
            }
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    keys
}
