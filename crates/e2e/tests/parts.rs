//! The app's WebAssembly in parts (src/parts.rs, xtask/src/split.rs): the
//! sign-in form needs none of them to be shown, a part the device cannot
//! fetch is said with a way to try again, and the editing part goes only to those
//! who may edit (the page and its service worker alike); unsent changes
//! wait on the device for the part that reads them.

use e2e::{Browser, Server};
use std::path::Path;

/// Moves the part files from `from` to `to`; how many there were.
fn move_parts(from: &Path, to: &Path) -> std::io::Result<usize> {
    let mut n = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if e2e::is_part(&name) {
            std::fs::rename(entry.path(), to.join(&name))?;
            n += 1;
        }
    }
    Ok(n)
}

/// The paths the service worker keeps, in all its caches.
async fn kept(b: &Browser) -> e2e::Result<Vec<String>> {
    let v = b
        .eval_async(
            "const out = []; for (const n of await caches.keys()) { for (const r of await (await caches.open(n)).keys()) out.push(new URL(r.url).pathname); } return out;",
        )
        .await?;
    Ok(e2e::strings_of(&v))
}

/// For `wait_until`: the page has fetched a file whose path starts with
/// `prefix`.
fn has_fetched(prefix: &str) -> String {
    format!(
        "performance.getEntriesByType('resource').some(e => new URL(e.name).pathname.startsWith({:?}))",
        prefix
    )
}

/// A first visit, at the app's address or at a deep link: the sign-in
/// form is shown with none of the parts, and they come once it is up, for
/// the sign-in that follows.
#[tokio::test]
async fn a_first_visit_fetches_no_part_before_its_form_is_up() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    for path in ["/", "/partners/3?q=a", "/partners/3/edit"] {
        let b = Browser::start().await?;
        first_visit(&b, &format!("{}{path}", server.url)).await?;
    }
    Ok(())
}

async fn first_visit(b: &Browser, url: &str) -> e2e::Result<()> {
    b.watch_sign_in_form().await?;
    b.client.goto(url).await?;
    let ready = b.client.execute_async(e2e::FORM_READY, vec![]).await?;
    let before = b.fetched(ready.as_f64()).await?;
    assert!(
        before.iter().any(|p| p.ends_with("_bg.wasm")),
        "the app itself was fetched: {before:?}"
    );
    let parts: Vec<&String> = before
        .iter()
        .filter(|p| e2e::is_part(p.trim_start_matches('/')))
        .collect();
    assert!(
        parts.is_empty(),
        "{url}: parts fetched before the form was up: {parts:?}"
    );
    assert!(b.path_and_query().await?.starts_with("/login?next="));

    // Then the contacts part comes (signing in is its code).
    b.wait_until(
        "the contacts part fetched once the form is up",
        &has_fetched("/split_contacts"),
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn without_its_parts_the_sign_in_form_is_whole_and_says_what_is_missing() -> e2e::Result<()> {
    let (dist, dir) = e2e::build_copy()?;
    let away = tempfile::tempdir()?;
    let moved = move_parts(dist.path(), away.path())?;
    assert!(moved > 0, "the build has no part files");
    let server = Server::start_in(&dir, 3000, &[])?;
    let b = Browser::start().await?;

    // The form is whole without them; signing in is their code: said so,
    // and nothing typed is lost.
    b.goto_sign_in(&server.url).await?;
    b.wait_until(
        "the database list could not be asked",
        "document.querySelector('form').dataset.databases === 'hidden'",
    )
    .await?;
    b.fill("#db", "demo").await?;
    b.fill("#login", "admin").await?;
    b.fill("#password", "admin").await?;
    b.click_text("button", "Sign in").await?;
    b.wait_for_text("This part of the app is not on this device yet")
        .await?;
    assert!(b.path_and_query().await?.starts_with("/login"));
    assert_eq!(b.value_of("#login").await?, "admin");
    assert_eq!(b.value_of("#password").await?, "admin");

    // The parts back: the same form signs in, no reload.
    move_parts(away.path(), dist.path())?;
    b.click_text("button", "Sign in").await?;
    b.wait_for(".rows .row").await?;
    assert_eq!(b.path_and_query().await?, "/partners");
    Ok(())
}

#[tokio::test]
async fn the_editing_part_goes_to_staff_who_may_edit_not_to_a_portal_user() -> e2e::Result<()> {
    let server = Server::start(&[])?;

    let editor = Browser::start().await?;
    editor.sign_in(&server.url, "demo", "demo").await?;
    editor.wait_for(".rows .row").await?;
    // Fetched while the app is idle, before any Edit is pressed.
    editor
        .wait_until(
            "the editing part is fetched",
            &has_fetched("/split_editing"),
        )
        .await?;
    assert_eq!(editor.path_and_query().await?, "/partners");
    // And the worker keeps it: editing works offline from now on.
    let Some(editing) = e2e::wasm_named(Path::new(&Server::dist()?), "split_editing-") else {
        panic!("the build has no editing part");
    };
    editor.wait_for_cached(&editing).await?;

    let portal = Browser::start().await?;
    portal.sign_in(&server.url, "portal", "portal").await?;
    portal.wait_for(".rows .row").await?;
    portal
        .wait_until(
            "the server's answer on rights",
            "document.querySelector('.new-buttons').dataset.rights === 'read'",
        )
        .await?;
    // Past the point where the editor's fetch starts (the page idle), and
    // one round trip to the same server for it to have ended.
    portal
        .eval_async(
            "await new Promise(r => requestIdleCallback(r)); \
             await new Promise(r => requestIdleCallback(r)); \
             await fetch('/manifest.webmanifest'); return true;",
        )
        .await?;
    portal.wait_for_worker().await?;
    // Neither the page nor the worker (which keeps the rest of the
    // build) fetched it.
    for (who, paths) in [
        ("the page", portal.fetched(None).await?),
        ("the worker", kept(&portal).await?),
    ] {
        assert!(
            paths.iter().any(|p| p.starts_with("/split_contacts")),
            "{who} has not the list's part: {paths:?}"
        );
        assert!(
            !paths.iter().any(|p| p.starts_with("/split_editing")),
            "{who} fetched the editing part for a portal user: {paths:?}"
        );
    }
    Ok(())
}

/// Unsent changes are read from the device by the contacts part: when a
/// reload finds that part unreachable, they wait on the device and are
/// read, and sent, once it can be fetched. Nothing is lost.
#[tokio::test]
async fn unsent_changes_wait_for_the_part_that_reads_them() -> e2e::Result<()> {
    let data = tempfile::tempdir()?;
    let full = Server::dist()?;
    let odoo_dir = data.path().to_string_lossy().to_string();
    let odoo = Server::start_in(&full, 300, &["--demo-data", &odoo_dir])?;
    let odoo_url = odoo.url.clone();
    let (dist, dir) = e2e::build_copy()?;
    let front = Server::start_in(&dir, 300, &["--odoo", &odoo_url])?;
    let b = Browser::start().await?;
    b.sign_in(&front.url, "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    b.wait_for_worker().await?;

    // A contact created with Odoo away: kept on the device, unsent.
    drop(odoo);
    b.click_text(".new-buttons a", "New person").await?;
    b.wait_for("#f-name").await?;
    b.fill("#f-name", "Partless Paul").await?;
    b.click_text("button", "Save").await?;
    let waiting = "Array.from(document.querySelectorAll('.unsent .name')).some(a => a.textContent === 'Partless Paul')";
    b.wait_until("the new contact waits", waiting).await?;

    // The parts gone from the server and from this browser's worker, then
    // a reload: the app cannot read the device's unsent changes.
    let away = tempfile::tempdir()?;
    move_parts(dist.path(), away.path())?;
    b.eval_async(
        "for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister(); \
         for (const n of await caches.keys()) await caches.delete(n); return true;",
    )
    .await?;
    // The browser's own cache too (the parts are served `immutable`).
    b.cdp("Network.clearBrowserCache", serde_json::json!({}))
        .await?;
    b.client.refresh().await?;
    b.wait_for_text("This part of the app is not on this device yet")
        .await?;
    // Reload too, for a tab left open across a new version.
    b.client
        .find(fantoccini::Locator::XPath(
            "//button[normalize-space()='Reload']",
        ))
        .await?;

    // Odoo and the parts back: Retry brings the list, and the change,
    // read from the device at the next try, reaches Odoo once.
    let listen = odoo_url.trim_start_matches("http://").to_string();
    let _odoo = Server::start_at(&listen, &full, 300, &["--demo-data", &odoo_dir])?;
    move_parts(away.path(), dist.path())?;
    b.wait_for(".error-bar button").await?.click().await?;
    b.wait_for(".rows .row").await?;
    let rows = e2e::polled(
        || {
            e2e::odoo_search(
                &odoo_url,
                "admin",
                serde_json::json!([["name", "=", "Partless Paul"]]),
                &["name"],
            )
        },
        |rows| !rows.is_empty(),
    )
    .await?;
    assert_eq!(rows.len(), 1, "Partless Paul once on the server: {rows:?}");
    b.wait_until("no longer waiting", &format!("!({waiting})"))
        .await?;
    Ok(())
}
