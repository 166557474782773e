//! Editing contacts, online or not: every save goes through the outbox on
//! the device; nothing typed is lost, nothing is applied twice, and a
//! change made on both sides is shown to the user, never overwritten.
//!
//! "Offline" here is real: the app talks to a pwa-server that proxies to
//! a second one holding the demo data (kept in a folder); either is killed
//! and started again at the same address. The second one serves the app
//! too: a browser on it is "someone else, online".

use e2e::{odoo_search, rpc, Browser, Server};
use serde_json::json;

/// The app's server (alive throughout) and Odoo behind it (the demo, which
/// can go away and come back with its data).
struct Setup {
    front: Option<Server>,
    front_url: String,
    odoo: Option<Server>,
    odoo_url: String,
    data: tempfile::TempDir,
}

impl Setup {
    fn start() -> e2e::Result<Setup> {
        let data = tempfile::tempdir()?;
        let dist = Server::dist()?;
        let dir = data.path().to_string_lossy().to_string();
        let odoo = Server::start_in(&dist, 300, &["--demo-data", &dir])?;
        let odoo_url = odoo.url.clone();
        let front = Server::start_in(&dist, 300, &["--odoo", &odoo_url])?;
        Ok(Setup {
            front_url: front.url.clone(),
            front: Some(front),
            odoo: Some(odoo),
            odoo_url,
            data,
        })
    }

    fn front_down(&mut self) {
        self.front = None;
    }

    fn front_up(&mut self) -> e2e::Result<()> {
        let listen = self.front_url.trim_start_matches("http://").to_string();
        self.front = Some(Server::start_at(
            &listen,
            &Server::dist()?,
            300,
            &["--odoo", &self.odoo_url],
        )?);
        Ok(())
    }

    fn odoo_down(&mut self) {
        self.odoo = None;
    }

    fn odoo_up(&mut self) -> e2e::Result<()> {
        let listen = self.odoo_url.trim_start_matches("http://").to_string();
        let dir = self.data.path().to_string_lossy().to_string();
        self.odoo = Some(Server::start_at(
            &listen,
            &Server::dist()?,
            300,
            &["--demo-data", &dir],
        )?);
        Ok(())
    }
}

async fn signed_in_as(s: &Setup, login: &str) -> e2e::Result<Browser> {
    signed_in_at(&s.front_url, login).await
}

async fn signed_in_at(url: &str, login: &str) -> e2e::Result<Browser> {
    let b = Browser::start().await?;
    b.goto_sign_in(url).await?;
    b.sign_in_here_to("demo", login, login).await?;
    b.wait_for(".rows .row").await?;
    Ok(b)
}

/// Opens the card of the contact named `name` from a search.
async fn open_card(b: &Browser, name: &str) -> e2e::Result<()> {
    b.fill("#search", name).await?;
    b.wait_for_search(name).await?;
    b.client
        .execute(
            "Array.from(document.querySelectorAll('.rows .name')).find(a => a.textContent === arguments[0]).click()",
            vec![json!(name)],
        )
        .await?;
    b.wait_until(
        "the card",
        &format!(
            "document.querySelector('.card h1')?.textContent === {}",
            json!(name)
        ),
    )
    .await?;
    Ok(())
}

/// Edits the open card: `field` becomes `value`, then Save.
async fn edit_field(b: &Browser, field: &str, value: &str) -> e2e::Result<()> {
    b.click_text(".change-bar a", "Edit").await?;
    b.wait_for(&format!("#f-{field}")).await?;
    b.fill(&format!("#f-{field}"), value).await?;
    b.click_text("button", "Save").await
}

async fn phone_on_server(s: &Setup, name: &str) -> e2e::Result<Vec<serde_json::Value>> {
    let rows = odoo_search(
        &s.odoo_url,
        "admin",
        json!([["name", "=", name]]),
        &["phone"],
    )
    .await?;
    Ok(rows.iter().map(|r| r["phone"].clone()).collect())
}

#[tokio::test]
async fn an_edit_online_is_saved_and_shown() -> e2e::Result<()> {
    let s = Setup::start()?;
    let b = signed_in_as(&s, "admin").await?;
    open_card(&b, "Azure Interior").await?;
    edit_field(&b, "phone", "+32 2 555 01 01").await?;
    b.wait_for(".badge.saved").await?;
    b.wait_for_text("+32 2 555 01 01").await?;
    assert_eq!(
        phone_on_server(&s, "Azure Interior").await?,
        [json!("+32 2 555 01 01")]
    );
    Ok(())
}

#[tokio::test]
async fn a_contact_created_offline_lands_once_after_a_reload() -> e2e::Result<()> {
    let mut s = Setup::start()?;
    let b = signed_in_as(&s, "admin").await?;
    b.wait_for_worker().await?;
    s.odoo_down();
    b.click_text(".new-buttons a", "New person").await?;
    b.wait_for("#f-name").await?;
    b.fill("#f-name", "Offline Olga").await?;
    b.fill("#f-email", "olga@example.com").await?;
    b.click_text("button", "Save").await?;
    b.wait_until(
        "the new contact waits above the list",
        "Array.from(document.querySelectorAll('.unsent .name')).some(a => a.textContent === 'Offline Olga')",
    )
    .await?;
    // A reload, still without Odoo: the change is still there.
    b.client.refresh().await?;
    b.wait_until(
        "still waiting after a reload",
        "Array.from(document.querySelectorAll('.unsent .name')).some(a => a.textContent === 'Offline Olga')",
    )
    .await?;
    s.odoo_up()?;
    b.wait_until(
        "sent once Odoo is back",
        "!Array.from(document.querySelectorAll('.unsent .name')).some(a => a.textContent === 'Offline Olga')",
    )
    .await?;
    let rows = odoo_search(
        &s.odoo_url,
        "admin",
        json!([["name", "=", "Offline Olga"]]),
        &["email"],
    )
    .await?;
    assert_eq!(rows.len(), 1, "exactly one Offline Olga: {rows:?}");
    assert_eq!(rows[0]["email"], "olga@example.com");
    Ok(())
}

#[tokio::test]
async fn the_same_contact_changed_in_two_places_asks_the_user() -> e2e::Result<()> {
    let mut s = Setup::start()?;
    let mine = signed_in_as(&s, "admin").await?;
    let theirs = signed_in_at(&s.odoo_url, "demo").await?;
    open_card(&mine, "Deco Addict").await?;
    open_card(&theirs, "Deco Addict").await?;
    // Mine is made without a connection; theirs is saved meanwhile.
    s.front_down();
    edit_field(&mine, "phone", "111 mine").await?;
    mine.wait_for(".badge.pending").await?;
    edit_field(&theirs, "phone", "222 theirs").await?;
    theirs.wait_for(".badge.saved").await?;
    s.front_up()?;
    // Mine reaches the server, which changed too: the user decides.
    mine.wait_for(".conflict").await?;
    mine.wait_for_text("222 theirs").await?;
    assert_eq!(
        phone_on_server(&s, "Deco Addict").await?,
        [json!("222 theirs")],
        "nothing overwritten before the user chose"
    );
    mine.click_text(".conflict button", "Save my choices")
        .await?;
    mine.wait_for(".badge.saved").await?;
    assert_eq!(
        phone_on_server(&s, "Deco Addict").await?,
        [json!("111 mine")]
    );
    Ok(())
}

#[tokio::test]
async fn a_portal_user_gets_no_edit_button() -> e2e::Result<()> {
    let s = Setup::start()?;
    let admin = signed_in_as(&s, "admin").await?;
    open_card(&admin, "Azure Interior").await?;
    admin.wait_for(".change-bar a").await?;
    let portal = signed_in_as(&s, "portal").await?;
    portal
        .wait_until(
            "the list",
            "document.querySelectorAll('.rows .row').length > 0",
        )
        .await?;
    let buttons = portal
        .client
        .execute(
            "return document.querySelectorAll('.new-buttons a').length",
            vec![],
        )
        .await?;
    assert_eq!(buttons, json!(0), "no New buttons for a portal user");
    Ok(())
}

#[tokio::test]
async fn a_refusal_keeps_what_was_typed() -> e2e::Result<()> {
    let s = Setup::start()?;
    let b = signed_in_as(&s, "admin").await?;
    open_card(&b, "Ready Mat").await?;
    // Someone deletes the contact while the form is open.
    let id: i64 = b
        .client
        .execute("return Number(location.pathname.split('/')[2])", vec![])
        .await?
        .as_i64()
        .unwrap_or_default();
    b.click_text(".change-bar a", "Edit").await?;
    b.wait_for("#f-function").await?;
    delete_on_server(&s, id).await?;
    b.fill("#f-function", "Head of typing").await?;
    b.click_text("button", "Save").await?;
    b.wait_for_text("Not saved:").await?;
    // Opening the form again shows what was typed.
    b.click_text(".change-bar a", "Edit").await?;
    b.wait_for("#f-function").await?;
    assert_eq!(b.value_of("#f-function").await?, "Head of typing");
    Ok(())
}

async fn delete_on_server(s: &Setup, id: i64) -> e2e::Result<()> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("a client");
    let fail = |e: reqwest::Error| e2e::Error::Start {
        what: "unlink",
        why: e.to_string(),
    };
    rpc(
        &client,
        &s.odoo_url,
        "/web/session/authenticate",
        json!({"db": "demo", "login": "admin", "password": "admin"}),
    )
    .await
    .map_err(fail)?;
    let r = rpc(
        &client,
        &s.odoo_url,
        "/web/dataset/call_kw/res.partner/unlink",
        json!({"model": "res.partner", "method": "unlink", "args": [[id]], "kwargs": {}}),
    )
    .await
    .map_err(fail)?;
    assert_eq!(r["result"], json!(true), "unlink {id}: {r}");
    Ok(())
}

#[tokio::test]
async fn sign_out_with_unsent_changes_asks_first() -> e2e::Result<()> {
    let mut s = Setup::start()?;
    let b = signed_in_as(&s, "admin").await?;
    open_card(&b, "Gemini Furniture").await?;
    s.odoo_down();
    edit_field(&b, "phone", "999 never sent").await?;
    b.wait_for(".badge.pending").await?;
    b.click_text(".topbar button", "Sign out").await?;
    b.wait_for_text("1 change is not sent yet.").await?;
    b.click_text(".dialog button", "Cancel").await?;
    // Still signed in, the change still waiting.
    b.wait_for(".badge.pending").await?;
    b.click_text(".topbar button", "Sign out").await?;
    b.click_text(".dialog button", "Sign out and discard")
        .await?;
    b.wait_for("#login").await?;
    s.odoo_up()?;
    b.sign_in_here_to("demo", "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    assert_ne!(
        phone_on_server(&s, "Gemini Furniture").await?,
        [json!("999 never sent")],
        "a discarded change was sent"
    );
    Ok(())
}
