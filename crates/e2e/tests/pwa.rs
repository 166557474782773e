//! The app as an installed PWA: installable, controlled by its worker,
//! opens offline with the contacts it kept, updates safely, and forgets a
//! user at sign-out.

use e2e::{Browser, Server};

#[tokio::test]
async fn manifest_is_served_and_chromium_finds_the_app_installable() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.client.goto(&format!("{}/login", server.url)).await?;
    b.wait_for("#login").await?;
    let ct = b
        .eval_async(
            "const r = await fetch('/manifest.webmanifest'); return r.headers.get('content-type');",
        )
        .await?;
    assert_eq!(ct.as_str(), Some("application/manifest+json"));
    b.wait_until(
        "the worker controls the page",
        "navigator.serviceWorker.controller !== null",
    )
    .await?;
    let errors = b
        .cdp("Page.getInstallabilityErrors", serde_json::json!({}))
        .await?;
    let errors = errors["installabilityErrors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(errors.is_empty(), "installability errors: {errors:?}");
    Ok(())
}

#[tokio::test]
async fn offline_the_list_and_a_deep_link_open_from_what_was_kept() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.sign_in(&server.url, "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    b.wait_until(
        "the worker controls the page",
        "navigator.serviceWorker.controller !== null",
    )
    .await?;
    // Open a contact online once, so its card is kept too.
    let id = b
        .client
        .execute("const a = Array.from(document.querySelectorAll('.rows .name')).find(a => a.textContent === 'Azure Interior'); return a ? a.getAttribute('href') : null", vec![])
        .await?;
    let deep = id.as_str().unwrap_or("/partners/1").to_string();
    let kept = b.eval_async(
        "for (let i = 0; i < 100; i++) { const dbs = await indexedDB.databases(); if (dbs.some(d => d.name === 'staff-pwa-offline')) return true; await new Promise(r => setTimeout(r, 50)); } return false;",
    )
    .await?;
    assert_eq!(kept.as_bool(), Some(true), "nothing was kept on the device");
    let url = server.url.clone();
    drop(server);

    b.client.goto(&format!("{url}/partners")).await?;
    b.wait_for_text("Offline — showing contacts saved at")
        .await?;
    b.wait_for_text("Azure Interior").await?;
    b.client.goto(&format!("{url}{deep}")).await?;
    b.wait_for_text("Azure Interior").await?;
    Ok(())
}

#[tokio::test]
async fn sign_out_leaves_no_contact_on_the_device() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.sign_in(&server.url, "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    b.wait_until(
        "the worker controls the page",
        "navigator.serviceWorker.controller !== null",
    )
    .await?;
    b.wait_until("avatars loaded", "Array.from(document.querySelectorAll('.rows img')).some(i => i.complete && i.naturalWidth > 0)").await?;
    let kept = b
        .eval_async(
            "for (let i = 0; i < 100; i++) { const dbs = await indexedDB.databases(); if (dbs.some(d => d.name === 'staff-pwa-offline')) return true; await new Promise(r => setTimeout(r, 50)); } return false;",
        )
        .await?;
    assert_eq!(
        kept.as_bool(),
        Some(true),
        "nothing was kept before sign-out"
    );
    b.wait_for(".topbar button").await?.click().await?;
    b.wait_for("#login").await?;
    let left = b
        .eval_async(
            "const dbs = (await indexedDB.databases()).map(d => d.name); const caches_ = await caches.keys(); \
             return {dbs, caches: caches_};",
        )
        .await?;
    assert!(
        !left["dbs"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|d| d == "staff-pwa-offline"),
        "contacts database left: {left}"
    );
    assert!(
        !left["caches"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c == "avatars"),
        "avatar cache left: {left}"
    );
    Ok(())
}
