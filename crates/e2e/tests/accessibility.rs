//! Every screen for everyone: axe-core finds no violation on any of them,
//! a 360 px phone never scrolls sideways, and the main journey works with
//! the keyboard alone.

use e2e::fantoccini::key::Key;
use e2e::{Browser, Server};

async fn assert_no_violations(b: &Browser, screen: &str) -> e2e::Result<()> {
    let found = b.axe_violations().await?;
    assert!(found.is_empty(), "{screen}: {}", found.join("\n"));
    Ok(())
}

#[tokio::test]
async fn axe_finds_nothing_on_any_screen() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.goto_sign_in(&server.url).await?;
    assert_no_violations(&b, "sign-in").await?;

    b.sign_in_here("admin", "wrong").await?;
    b.wait_for_text("Wrong login or password").await?;
    assert_no_violations(&b, "sign-in with an error").await?;

    b.sign_in_here("admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    assert_no_violations(&b, "contacts").await?;

    b.fill("#search", "no such contact zzz").await?;
    b.wait_for_text("No contacts match.").await?;
    assert_no_violations(&b, "contacts, nothing found").await?;

    b.client
        .goto(&format!("{}/partners?q=azure", server.url))
        .await?;
    b.wait_for(".rows .row a.name").await?.click().await?;
    b.wait_for(".card h1").await?;
    assert_no_violations(&b, "contact card").await?;

    // The dark theme (the system's choice) has its own contrasts.
    b.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    )
    .await?;
    let dark = "matchMedia('(prefers-color-scheme: dark)').matches";
    b.wait_until("the page is dark", dark).await?;
    assert_no_violations(&b, "contact card, dark").await?;
    b.client.goto(&format!("{}/partners", server.url)).await?;
    b.wait_for(".rows .row").await?;
    assert_no_violations(&b, "contacts, dark").await?;
    Ok(())
}

/// The list's rows, avatars and count have their room before the data
/// arrives: nothing on screen jumps when it does, neither on the first,
/// cold load after sign-in (a skeleton, then the answer) nor on a reload
/// (the contacts kept on the device, then the answer).
#[tokio::test]
async fn the_contacts_arrive_without_layout_shift() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    // Every layout shift of each page from its first byte, and whether the
    // list was drawn waiting (its skeleton) before the contacts came.
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": "window.__shift = 0; window.__moved = []; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) { window.__shift += e.value; for (const s of e.sources || []) window.__moved.push((s.node && (s.node.className || s.node.nodeName)) + ' ' + JSON.stringify([s.previousRect.y, s.currentRect.y, s.previousRect.height, s.currentRect.height])); } }).observe({ type: 'layout-shift', buffered: true }); \
            window.__skeleton = false; new MutationObserver(() => { if (document.querySelector('.skeleton')) window.__skeleton = true; }).observe(document, { childList: true, subtree: true });"}),
    )
    .await?;
    // Signed in without the form: shifts within half a second of a click
    // do not count as layout shift, and the list would arrive within it.
    b.goto_sign_in(&server.url).await?;
    let measured = b
        .client
        .execute(
            "return PerformanceObserver.supportedEntryTypes.includes('layout-shift')",
            vec![],
        )
        .await?;
    assert_eq!(
        measured.as_bool(),
        Some(true),
        "this browser cannot see shifts"
    );
    let signed_in = b
        .eval_async(
            "const r = await fetch('/web/session/authenticate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, \
             body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'admin', password: 'admin' }, id: 1 }) }); \
             return (await r.json()).result?.uid ?? null;",
        )
        .await?;
    assert!(signed_in.as_i64().is_some(), "sign-in: {signed_in}");
    let kept = b
        .eval_async(
            "return (await indexedDB.databases()).some(d => d.name === 'staff-pwa-offline');",
        )
        .await?;
    assert_eq!(kept.as_bool(), Some(false), "the load would not be cold");
    // Every answer late enough that the page is drawn before it comes.
    b.cdp("Network.enable", serde_json::json!({})).await?;
    b.cdp(
        "Network.emulateNetworkConditions",
        serde_json::json!({"offline": false, "latency": 300, "downloadThroughput": -1, "uploadThroughput": -1}),
    )
    .await?;

    b.client.goto(&format!("{}/partners", server.url)).await?;
    let cold = shift_once_drawn(&b).await?;
    let waited = b.client.execute("return window.__skeleton", vec![]).await?;
    assert_eq!(
        waited.as_bool(),
        Some(true),
        "the contacts came before the list was drawn: nothing was measured"
    );
    assert!(
        cold < MAX_SHIFT,
        "cumulative layout shift, first load {cold}"
    );

    b.client.goto(&format!("{}/partners", server.url)).await?;
    let warm = shift_once_drawn(&b).await?;
    assert!(warm < MAX_SHIFT, "cumulative layout shift, reload {warm}");
    Ok(())
}

/// Every box has its room before the data comes, so the shift is nil.
/// Google's 0.1 for a "good" page would let a column of avatars pop in
/// unsized (0.055 here).
const MAX_SHIFT: f64 = 0.01;

/// The page's layout shift so far, once its rows and avatars are drawn.
async fn shift_once_drawn(b: &Browser) -> e2e::Result<f64> {
    b.wait_for(".rows .row img.avatar").await?;
    b.wait_until(
        "the avatars are drawn",
        "Array.from(document.querySelectorAll('.rows img.avatar')).every(i => i.complete)",
    )
    .await?;
    // One frame more, so the observer has heard of everything drawn.
    let shift = b
        .eval_async(
            "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return window.__shift;",
        )
        .await?;
    let moved = b.strings("return window.__moved").await?;
    match shift.as_f64() {
        Some(s) if s > 0.0 => {
            eprintln!("layout shift {s}; what moved (y before, after; height): {moved:?}");
            Ok(s)
        }
        Some(s) => Ok(s),
        None => panic!("no layout shift measured: {shift}"),
    }
}

/// A page wider than the viewport means sideways scrolling on a phone.
async fn assert_no_sideways_scroll(b: &Browser, screen: &str) -> e2e::Result<()> {
    assert!(!b.scrolls_sideways().await?, "{screen}");
    Ok(())
}

#[tokio::test]
async fn a_360_px_phone_never_scrolls_sideways() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.as_phone().await?;
    b.goto_sign_in(&server.url).await?;
    let width = b
        .client
        .execute("return document.documentElement.clientWidth", vec![])
        .await?;
    assert_eq!(width.as_f64(), Some(360.0), "the emulation did not apply");
    assert_no_sideways_scroll(&b, "sign-in").await?;
    b.sign_in_here("admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    assert_no_sideways_scroll(&b, "contacts").await?;
    b.client
        .goto(&format!("{}/partners?q=azure", server.url))
        .await?;
    b.wait_for(".rows .row a.name").await?.click().await?;
    b.wait_for(".card h1").await?;
    assert_no_sideways_scroll(&b, "contact card").await?;
    Ok(())
}

/// Presses Tab until the focused element matches `css`.
async fn tab_to(b: &Browser, css: &str) -> e2e::Result<()> {
    let check = format!("return document.activeElement?.matches({css:?}) ?? false");
    for _ in 0..40 {
        if b.client.execute(&check, vec![]).await?.as_bool() == Some(true) {
            return Ok(());
        }
        b.client
            .active_element()
            .await?
            .send_keys(&char::from(Key::Tab).to_string())
            .await?;
    }
    panic!("Tab never reached {css}");
}

async fn type_here(b: &Browser, text: &str) -> e2e::Result<()> {
    b.client.active_element().await?.send_keys(text).await?;
    Ok(())
}

#[tokio::test]
async fn the_keyboard_alone_signs_in_opens_a_contact_and_comes_back() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.goto_sign_in(&server.url).await?;
    tab_to(&b, "#login").await?;
    type_here(&b, "admin").await?;
    tab_to(&b, "#password").await?;
    type_here(&b, "admin").await?;
    type_here(&b, &char::from(Key::Enter).to_string()).await?;
    b.wait_for(".rows .row").await?;

    tab_to(&b, "#search").await?;
    type_here(&b, "azure").await?;
    b.wait_for_search("azure").await?;
    tab_to(&b, ".rows a.name").await?;
    let name = b
        .client
        .execute("return document.activeElement.textContent", vec![])
        .await?;
    type_here(&b, &char::from(Key::Enter).to_string()).await?;
    b.wait_for(".card h1").await?;
    let heading = b
        .client
        .execute(
            "return document.querySelector('.card h1').textContent",
            vec![],
        )
        .await?;
    assert_eq!(heading, name);

    tab_to(&b, "button.back").await?;
    type_here(&b, &char::from(Key::Enter).to_string()).await?;
    b.wait_until(
        "back on the same search",
        "location.pathname === '/partners' && location.search === '?q=azure'",
    )
    .await?;
    Ok(())
}
