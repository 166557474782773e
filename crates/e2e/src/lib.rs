//! Harness for the end-to-end journeys: a real pwa-server process on a free
//! port and a headless Chromium driven over WebDriver. Both are killed when
//! dropped, even when a test panics (a leaked browser would eat the CI box).

use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub use fantoccini;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} is not set: run the end-to-end suite with `cargo xtask test`")]
    MissingEnv(&'static str),
    #[error("could not start {what}: {why}")]
    Start { what: &'static str, why: String },
    #[error("WebDriver session: {0}")]
    Session(#[from] fantoccini::error::NewSessionError),
    #[error("WebDriver command: {0}")]
    Cmd(#[from] fantoccini::error::CmdError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

fn env(name: &'static str) -> Result<String> {
    std::env::var(name).map_err(|_| Error::MissingEnv(name))
}

/// Kills a process and every process it started (its process group).
struct Group(Child);

impl Group {
    fn spawn(cmd: &mut Command) -> std::io::Result<Group> {
        use std::os::unix::process::CommandExt;
        Ok(Group(cmd.process_group(0).spawn()?))
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        // The whole group (chromedriver's Chromium too), then the child
        // itself in case the group signal could not be sent.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads a child's stdout until a line passes `found`, which returns what
/// to keep from it. Readiness comes from the process itself, not a sleep.
fn wait_for_line<T>(
    child: &mut Child,
    what: &'static str,
    found: impl Fn(&str) -> Option<T>,
) -> Result<T> {
    let out = child.stdout.take().ok_or(Error::Start {
        what,
        why: "no stdout".into(),
    })?;
    let mut lines = BufReader::new(out).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line?;
        if let Some(v) = found(&line) {
            // Keep draining so the child never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines {});
            return Ok(v);
        }
        seen.push(line);
    }
    Err(Error::Start {
        what,
        why: format!("exited before it was ready; it said:\n{}", seen.join("\n")),
    })
}

pub struct Server {
    _proc: Group,
    pub url: String,
}

impl Server {
    /// The server's process id (the bench reads its memory).
    pub fn pid(&self) -> u32 {
        self._proc.0.id()
    }

    /// pwa-server with the demo backend (in memory) on a free port.
    pub fn start(extra: &[&str]) -> Result<Server> {
        Self::start_with_partners(3000, extra)
    }

    pub fn start_with_partners(partners: usize, extra: &[&str]) -> Result<Server> {
        Self::start_in(&env("PWA_DIST")?, partners, extra)
    }

    /// The app built in `PWA_DIST` (the one under test).
    pub fn dist() -> Result<String> {
        env("PWA_DIST")
    }

    /// pwa-server serving the app from `dist`.
    pub fn start_in(dist: &str, partners: usize, extra: &[&str]) -> Result<Server> {
        Self::start_at("127.0.0.1:0", dist, partners, extra)
    }

    /// pwa-server on `listen` (a restart where a killed one was).
    pub fn start_at(listen: &str, dist: &str, partners: usize, extra: &[&str]) -> Result<Server> {
        let bin = env("PWA_SERVER_BIN")?;
        let mut cmd = Command::new(bin);
        cmd.args([
            "--dist",
            dist,
            "--listen",
            listen,
            "--partners",
            &partners.to_string(),
        ])
        .args(extra)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped());
        let mut proc = Group::spawn(&mut cmd)?;
        let url = wait_for_line(&mut proc.0, "pwa-server", |l| {
            l.strip_prefix("listening on ")
                .map(|u| u.trim_end_matches('/').to_string())
        })?;
        Ok(Server { _proc: proc, url })
    }
}

pub struct Browser {
    pub client: Client,
    _driver: Group,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn start() -> Result<Browser> {
        let driver_bin = env("CHROMEDRIVER")?;
        let chromium = env("CHROMIUM")?;
        let port = free_port()?;
        let mut cmd = Command::new(driver_bin);
        cmd.arg(format!("--port={port}")).stdout(Stdio::piped());
        let mut driver = Group::spawn(&mut cmd)?;
        wait_for_line(&mut driver.0, "chromedriver", |l| {
            l.contains("started successfully").then_some(())
        })?;
        let profile = tempfile::tempdir()?;
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--no-first-run",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        let caps = match caps {
            serde_json::Value::Object(m) => m,
            _ => unreachable!("a json! object literal"),
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await?;
        Ok(Browser {
            client,
            _driver: driver,
            _profile: profile,
        })
    }

    /// Waits (polling the page, up to 15 s) for an element.
    pub async fn wait_for(&self, css: &str) -> Result<fantoccini::elements::Element> {
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await?)
    }

    /// Waits for the page's text to contain `needle`.
    pub async fn wait_for_text(&self, needle: &str) -> Result<()> {
        let quoted = serde_json::to_string(needle).unwrap_or_default();
        self.wait_until(
            &format!("text {needle:?} appears"),
            &format!("document.body && document.body.innerText.includes({quoted})"),
        )
        .await
    }

    /// Signs in through the form (database `demo` unless said otherwise).
    pub async fn sign_in(&self, base: &str, login: &str, password: &str) -> Result<()> {
        self.goto_sign_in(base).await?;
        self.sign_in_here(login, password).await
    }

    /// Opens the sign-in page and waits for its form.
    pub async fn goto_sign_in(&self, base: &str) -> Result<()> {
        self.client.goto(&format!("{base}/login")).await?;
        self.wait_for("#login").await?;
        Ok(())
    }

    /// Fills and submits the sign-in form already on screen (database
    /// `demo` when there is a choice).
    pub async fn sign_in_here(&self, login: &str, password: &str) -> Result<()> {
        self.sign_in_here_to("demo", login, password).await
    }

    /// The same, on database `db`.
    pub async fn sign_in_here_to(&self, db: &str, login: &str, password: &str) -> Result<()> {
        self.wait_for("#login").await?;
        // The choice appears once the server's list has come.
        self.wait_until(
            "the database list",
            "document.querySelector('form').dataset.databases !== 'loading'",
        )
        .await?;
        if let Ok(select) = self.client.find(Locator::Css("select#db")).await {
            select.select_by_value(db).await?;
        }
        self.fill("#login", login).await?;
        self.fill("#password", password).await?;
        self.wait_for("button[type=submit]").await?.click().await?;
        Ok(())
    }

    /// Runs `js` (which must evaluate to a boolean) until it is true; a
    /// script error (an element not there yet) counts as false.
    pub async fn wait_until(&self, what: &str, js: &str) -> Result<()> {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        loop {
            let v = self
                .client
                // Not there yet (an element a part has still to draw) is
                // "not yet", not a failure.
                .execute(
                    &format!("try {{ return !!({js}); }} catch (e) {{ return false; }}"),
                    vec![],
                )
                .await?;
            if v.as_bool() == Some(true) {
                return Ok(());
            }
            if std::time::Instant::now() > deadline {
                let page = self
                    .client
                    .execute(
                        "return location.pathname + location.search + ': ' + (document.body ? document.body.innerText : '').slice(0, 400)",
                        vec![],
                    )
                    .await
                    .unwrap_or_default();
                return Err(Error::Start {
                    what: "page",
                    why: format!("{what}: never became true ({js}); the page: {page}"),
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Result of an async script: `js` is the body of an async function.
    pub async fn eval_async(&self, js: &str) -> Result<serde_json::Value> {
        let script = format!(
            "const done = arguments[arguments.length - 1]; (async () => {{ {js} }})().then(done, e => done({{error: String(e)}}));"
        );
        Ok(self.client.execute_async(&script, vec![]).await?)
    }

    /// Waits until the contacts list shows the answer to search `q`.
    pub async fn wait_for_search(&self, q: &str) -> Result<()> {
        let quoted = serde_json::to_string(q).unwrap_or_default();
        self.wait_until(
            &format!("the rows for {q:?}"),
            &format!(
                "document.querySelector('.rows')?.dataset.q === {quoted} && document.querySelector('.rows').dataset.state === 'idle'"
            ),
        )
        .await
    }

    /// The names of the contact rows on screen.
    pub async fn row_names(&self) -> Result<Vec<String>> {
        self.strings("return Array.from(document.querySelectorAll('.rows .row .name')).map(e => e.textContent)")
            .await
    }

    /// Runs `js`, which returns a list of strings.
    pub async fn strings(&self, js: &str) -> Result<Vec<String>> {
        Ok(strings_of(&self.client.execute(js, vec![]).await?))
    }

    /// Ends the session on the server behind the app's back (as a
    /// timeout, a restart or an administrator would).
    pub async fn end_session_on_server(&self) -> Result<()> {
        self.eval_async(&call_from_page("/web/session/destroy", "return true;"))
            .await
            .map(|_| ())
    }

    /// Whether Odoo knows a user by this browser's cookie (it answers a
    /// call without a session with an error page).
    pub async fn server_knows_a_user(&self) -> Result<bool> {
        let v = self
            .eval_async(&call_from_page(
                "/web/session/get_session_info",
                "if (!r.ok) return false; const j = await r.json(); return !!(j.result && j.result.uid);",
            ))
            .await?;
        Ok(v.as_bool() == Some(true))
    }

    /// The paths this page has fetched, those started up to `until` ms
    /// after its navigation began when given.
    pub async fn fetched(&self, until: Option<f64>) -> Result<Vec<String>> {
        let v = self
            .client
            .execute(
                "const until = arguments[0]; return performance.getEntriesByType('resource') \
                 .filter(e => until === null || e.startTime <= until).map(e => new URL(e.name).pathname);",
                vec![serde_json::json!(until)],
            )
            .await?;
        Ok(strings_of(&v))
    }

    /// The contacts the app keeps on the device (IndexedDB), as (id, name).
    pub async fn kept(&self) -> Result<Vec<(i64, String)>> {
        let read = "if (!(await indexedDB.databases()).some(d => d.name === 'staff-pwa-offline')) return [];\n\
            const db = await new Promise((ok, ko) => { const r = indexedDB.open('staff-pwa-offline'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });\n\
            try {\n\
              const all = await new Promise((ok, ko) => { const r = db.transaction('contacts').objectStore('contacts').getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });\n\
              return all.map(k => [k.id, JSON.parse(k.json).name]);\n\
            } finally { db.close(); }";
        let v = self.eval_async(read).await?;
        Ok(v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|k| Some((k[0].as_i64()?, k[1].as_str()?.to_string())))
            .collect())
    }

    /// The page as a 360 px wide phone shows it.
    pub async fn as_phone(&self) -> Result<()> {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true}),
        )
        .await
        .map(|_| ())
    }

    /// Whether the page is wider than the viewport (sideways scrolling on
    /// a phone).
    pub async fn scrolls_sideways(&self) -> Result<bool> {
        let v = self
            .client
            .execute(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth",
                vec![],
            )
            .await?;
        Ok(v.as_bool() != Some(false))
    }

    /// Waits for an element matching `css` whose text is `text`, and
    /// clicks it.
    pub async fn click_text(&self, css: &str, text: &str) -> Result<()> {
        let (css_q, text_q) = (serde_json::json!(css), serde_json::json!(text));
        self.wait_until(
            &format!("{css} “{text}”"),
            &format!(
                "Array.from(document.querySelectorAll({css_q})).some(e => e.textContent.trim() === {text_q})"
            ),
        )
        .await?;
        self.client
            .execute(
                "Array.from(document.querySelectorAll(arguments[0])).find(e => e.textContent.trim() === arguments[1]).click()",
                vec![css_q, text_q],
            )
            .await?;
        Ok(())
    }

    /// Waits until the worker's caches hold `path`.
    pub async fn wait_for_cached(&self, path: &str) -> Result<()> {
        let quoted = serde_json::to_string(path).unwrap_or_default();
        // The check is asynchronous: each poll starts one and reads the
        // last one's answer.
        self.wait_until(
            &format!("the worker keeps {path}"),
            &format!(
                "window.__cached === {quoted} || (caches.match({quoted}).then(r => {{ if (r) window.__cached = {quoted}; }}), false)"
            ),
        )
        .await
    }

    /// Waits until the service worker controls the page.
    pub async fn wait_for_worker(&self) -> Result<()> {
        self.wait_until(
            "the worker controls the page",
            "navigator.serviceWorker.controller !== null",
        )
        .await
    }

    /// Runs axe-core (the bundle `cargo xtask test` installs, in `AXE_JS`)
    /// on the page as it is, and returns its violations, one line each.
    pub async fn axe_violations(&self) -> Result<Vec<String>> {
        let source = std::fs::read_to_string(env("AXE_JS")?)?;
        self.client.execute(&source, vec![]).await?;
        let found = self
            .eval_async(
                "const r = await window.axe.run(document, { resultTypes: ['violations'] });\n\
                 return r.violations.map(v => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);",
            )
            .await?;
        if let Some(e) = found.get("error") {
            return Err(Error::Start {
                what: "axe-core",
                why: e.to_string(),
            });
        }
        Ok(strings_of(&found))
    }

    pub async fn path_and_query(&self) -> Result<String> {
        let u = self.client.current_url().await?;
        Ok(match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
    }

    pub async fn fill(&self, css: &str, value: &str) -> Result<()> {
        let el = self.wait_for(css).await?;
        el.clear().await?;
        el.send_keys(value).await?;
        Ok(())
    }

    pub async fn value_of(&self, css: &str) -> Result<String> {
        let el = self.wait_for(css).await?;
        Ok(el.prop("value").await?.unwrap_or_default())
    }
}

fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// A Chrome DevTools Protocol command, sent through chromedriver's
/// `goog/cdp/execute` endpoint (throttling, installability, …).
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> Result<serde_json::Value> {
        Ok(self
            .client
            .issue_cmd(Cdp {
                cmd: cmd.to_string(),
                params,
            })
            .await?)
    }

    /// Installs [`FORM_WATCH`] for every document this browser opens from
    /// now on.
    pub async fn watch_sign_in_form(&self) -> Result<()> {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": FORM_WATCH }),
        )
        .await
        .map(|_| ())
    }
}

/// Watches, from the start of every document, for the moment the sign-in
/// form is usable (shown with its words, fields and button
/// enabled), and notes it in `window.__formReadyAt` (and the ids of the
/// form's fields then in `window.__formFieldsAtReady`): a check started by
/// WebDriver once the page has loaded would see it late, and count what
/// the page fetched meanwhile as what the form waited for. Installed by
/// [`Browser::watch_sign_in_form`].
pub const FORM_WATCH: &str = r#"
(function watch() {
  // A deep link reaches the sign-in page without a new document; a page
  // that never shows it stops being watched after 10 s.
  if (performance.now() > 10000) return;
  const l = document.querySelector('#login'), p = document.querySelector('#password'),
        b = document.querySelector('button[type=submit]');
  // Shown: the page is hidden until its words are in (it has a direction then).
  const shown = document.documentElement && document.documentElement.hasAttribute('dir');
  if (shown && l && p && b && !l.disabled && !b.disabled) {
    window.__formReadyAt = performance.now();
    window.__formFieldsAtReady = Array.from(document.querySelectorAll('form [id]')).map(e => e.id);
  } else requestAnimationFrame(watch);
})();
"#;

/// For `execute_async`: milliseconds from navigation start until the
/// sign-in form was usable (noted by [`FORM_WATCH`]).
pub const FORM_READY: &str = r#"
const done = arguments[arguments.length - 1];
(function check() { if (window.__formReadyAt !== undefined) done(window.__formReadyAt); else requestAnimationFrame(check); })();
"#;

/// A script (for [`Browser::eval_async`]) that makes an empty JSON-RPC
/// call to `path` with the page's cookies, then runs `then` with the
/// response as `r`.
fn call_from_page(path: &str, then: &str) -> String {
    format!(
        "const r = await fetch('{path}', {{ method: 'POST', headers: {{ 'Content-Type': 'application/json' }}, \
         body: JSON.stringify({{ jsonrpc: '2.0', method: 'call', params: {{}}, id: 1 }}) }}); {then}"
    )
}

/// What `read` gives, read again every 100 ms until `done` holds for it
/// or 20 s have passed: the last reading.
pub async fn polled<T, Fut>(mut read: impl FnMut() -> Fut, done: impl Fn(&T) -> bool) -> Result<T>
where
    Fut: std::future::Future<Output = Result<T>>,
{
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let v = read().await?;
        if done(&v) || std::time::Instant::now() > deadline {
            return Ok(v);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The strings of a JSON list (anything else in it is left out).
pub fn strings_of(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}

/// Whether a file of the build is one of the app's parts (src/parts.rs;
/// xtask/src/split.rs names them so).
pub fn is_part(name: &str) -> bool {
    name.starts_with("split_") || name.starts_with("chunk_")
}

/// The URL of the build's file whose name starts with `prefix` and ends
/// with `.wasm` (a part, whose name carries its hash).
pub fn wasm_named(dist: &std::path::Path, prefix: &str) -> Option<String> {
    std::fs::read_dir(dist)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix) && n.ends_with(".wasm"))
        .map(|n| format!("/{n}"))
}

/// A copy of the build under test in a temporary folder (to change files
/// of it, then serve it with [`Server::start_in`]), and that folder's path.
pub fn build_copy() -> Result<(tempfile::TempDir, String)> {
    let dir = tempfile::tempdir()?;
    copy_dir(std::path::Path::new(&Server::dist()?), dir.path())?;
    let path = dir.path().to_string_lossy().into_owned();
    Ok((dir, path))
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A demo server and a browser signed in as admin, on the contacts list.
pub async fn signed_in() -> Result<(Server, Browser)> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.sign_in(&server.url, "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    Ok((server, b))
}

/// Asks the Odoo behind `base` (as `login`) for `model` records matching
/// `domain`, with `fields`: what the server really holds, not what a
/// browser shows.
/// One JSON-RPC call to `base` (pwa-server or the demo) with `client`'s
/// cookies: the whole envelope, as the server sent it.
pub async fn rpc(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    params: serde_json::Value,
) -> std::result::Result<serde_json::Value, reqwest::Error> {
    client
        .post(format!("{base}{path}"))
        .json(&serde_json::json!({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}))
        .send()
        .await?
        .json()
        .await
}

pub async fn odoo_search(
    base: &str,
    login: &str,
    domain: serde_json::Value,
    fields: &[&str],
) -> Result<Vec<serde_json::Value>> {
    let fail = |why: String| Error::Start {
        what: "a JSON-RPC check",
        why,
    };
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .map_err(|e| fail(e.to_string()))?;
    rpc(
        &client,
        base,
        "/web/session/authenticate",
        serde_json::json!({"db": "demo", "login": login, "password": login}),
    )
    .await
    .map_err(|e| fail(e.to_string()))?;
    let answer = rpc(
        &client,
        base,
        "/web/dataset/call_kw/res.partner/search_read",
        serde_json::json!({"model": "res.partner", "method": "search_read", "args": [],
            "kwargs": {"domain": domain, "fields": fields, "context": {"active_test": false}}}),
    )
    .await
    .map_err(|e| fail(e.to_string()))?;
    answer["result"]
        .as_array()
        .cloned()
        .ok_or_else(|| fail(format!("no result: {answer}")))
}
