//! The editing budgets: a save to "Saved" on screen in the browser, and
//! the outbox draining 100 queued changes against the demo.

use e2e::Browser;
use odoo_rpc::{decode_response, next_id, request_body, AuthOutcome, Error, Partner};
use serde_json::Value;
use staff_calls::edit::FieldValue;
use staff_calls::outbox::{ask, drain, Change, Ctx, Env, Request, Status};
use std::time::Instant;

/// A device with a plain HTTP client: the app's outbox logic, without the
/// browser's IndexedDB (which the save figure below includes).
pub struct Http {
    client: reqwest::Client,
    url: String,
}

fn network(e: impl std::fmt::Display) -> Error {
    Error::Network {
        detail: e.to_string(),
    }
}

impl Env for Http {
    async fn send(&self, request: Request) -> Result<Value, Error> {
        let res = self
            .client
            .post(format!("{}{}", self.url, request.path))
            .header("content-type", "application/json")
            .body(request_body(next_id(), &request.params).to_string())
            .send()
            .await
            .map_err(network)?;
        let status = res.status().as_u16();
        let kind = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = res.text().await.map_err(network)?;
        decode_response(status, kind.as_deref(), &body, request.needs_session)
    }

    async fn keep(&self, _change: &Change) {}
}

/// Queues an edit of 100 contacts of `db` (a new phone each), then times
/// one drain: in milliseconds, with how many ended saved.
pub async fn drain_100(url: &str, db: &str) -> Result<(f64, usize), Error> {
    let env = Http {
        client: reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .map_err(network)?,
        url: url.to_string(),
    };
    let info = match ask(&env, &staff_calls::sign_in(db, "admin", "admin")).await? {
        AuthOutcome::SignedIn(info) => info,
        other => {
            return Err(Error::Shape {
                detail: format!("admin did not sign in: {other:?}"),
            })
        }
    };
    let version = info.version();
    let found: Value = ask(&env, &staff_calls::may(&version, "write")).await?;
    if found != Value::Bool(true) {
        return Err(Error::Shape {
            detail: "admin may not write".into(),
        });
    }
    let mut changes = Vec::new();
    for id in 1..=400 {
        if changes.len() == 100 {
            break;
        }
        let rows: Vec<Partner> = ask(&env, &staff_calls::contact(&version, id)).await?;
        let Some(p) = rows.into_iter().next() else {
            continue;
        };
        let mut mine = staff_calls::edit::values_of(&version, &p);
        let phone = format!("+1 555 {:04}", changes.len());
        mine.insert("phone".into(), FieldValue::Text(phone));
        changes.push(Change::update(format!("{id:06}"), &version, &p, mine));
    }
    let ctx = Ctx {
        version: &version,
        uid: info.uid,
        now: "2000-01-01 00:00:00".into(),
    };
    let t = Instant::now();
    drain(&env, &ctx, &mut changes).await?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let saved = changes.iter().filter(|c| c.status == Status::Saved).count();
    Ok((ms, saved))
}

/// One round trip from the page through pwa-server (the version route),
/// median of 9, in milliseconds.
pub async fn round_trip(b: &Browser) -> e2e::Result<f64> {
    let v = b
        .eval_async(
            r#"const times = [];
            for (let i = 0; i < 9; i++) {
              const t0 = performance.now();
              await fetch('/web/webclient/version_info', {method: 'POST', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({jsonrpc: '2.0', method: 'call', params: {}, id: i})}).then(r => r.text());
              times.push(performance.now() - t0);
            }
            times.sort((a, b) => a - b);
            return times[4];"#,
        )
        .await?;
    Ok(v.as_f64().unwrap_or(f64::NAN))
}

/// Opens the first contact's form, types a phone and times Save to the
/// card's "Saved" badge, in milliseconds.
pub async fn save_to_saved(b: &Browser, url: &str, id: i64, phone: &str) -> e2e::Result<f64> {
    b.client.goto(&format!("{url}/partners/{id}/edit")).await?;
    b.wait_for("#f-phone").await?;
    b.fill("#f-phone", phone).await?;
    let v = b
        .client
        .execute_async(
            r#"const done = arguments[0]; const t0 = performance.now();
            document.querySelector('.contact-form button[type=submit]').click();
            (function check() { if (document.querySelector('.badge.saved')) done(performance.now() - t0); else requestAnimationFrame(check); })();"#,
            vec![],
        )
        .await?;
    Ok(v.as_f64().unwrap_or(f64::NAN))
}
