//! The app as an installed PWA: installable, controlled by its worker,
//! opens offline with the contacts it kept, updates safely, and forgets a
//! user at sign-out.

use e2e::{Browser, Server};
use std::hash::{Hash, Hasher};
use std::path::Path;

#[tokio::test]
async fn manifest_is_served_and_chromium_finds_the_app_installable() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.goto_sign_in(&server.url).await?;
    let ct = b
        .eval_async(
            "const r = await fetch('/manifest.webmanifest'); return r.headers.get('content-type');",
        )
        .await?;
    assert_eq!(ct.as_str(), Some("application/manifest+json"));
    b.wait_for_worker().await?;
    let errors = b
        .cdp("Page.getInstallabilityErrors", serde_json::json!({}))
        .await?;
    // Only a list of errors that is there and empty means "installable":
    // a reply without it says nothing.
    let Some(errors) = errors["installabilityErrors"].as_array() else {
        panic!("not Chromium's installability reply: {errors}");
    };
    assert!(errors.is_empty(), "installability errors: {errors:?}");
    Ok(())
}

#[tokio::test]
async fn offline_the_list_and_a_deep_link_open_from_what_was_kept() -> e2e::Result<()> {
    let (server, b) = e2e::signed_in().await?;
    b.wait_for_worker().await?;
    // A contact's deep link, to open offline from what the list kept.
    let href = b
        .client
        .execute("const a = Array.from(document.querySelectorAll('.rows .name')).find(a => a.textContent === 'Azure Interior'); return a ? a.getAttribute('href') : null", vec![])
        .await?;
    let Some(deep) = href.as_str().map(str::to_string) else {
        panic!("no link to Azure Interior in the list");
    };
    let azure = |k: &[(i64, String)]| k.iter().any(|(_, n)| n == "Azure Interior");
    let kept = kept_once(&b, azure).await?;
    assert!(azure(&kept), "Azure Interior was not kept: {kept:?}");
    let url = server.url.clone();
    drop(server);

    b.client.goto(&format!("{url}/partners")).await?;
    b.wait_for_text("Offline — showing contacts saved at")
        .await?;
    b.wait_for_text("Azure Interior").await?;
    b.client.goto(&format!("{url}{deep}")).await?;
    // The card itself, not the list (which names Azure Interior too).
    let heading = b.wait_for(".card h1").await?.text().await?;
    assert_eq!(heading, "Azure Interior");
    assert_eq!(b.path_and_query().await?, deep);
    Ok(())
}

#[tokio::test]
async fn sign_out_leaves_no_contact_on_the_device() -> e2e::Result<()> {
    let (_server, b) = e2e::signed_in().await?;
    b.wait_for_worker().await?;
    b.wait_until("avatars loaded", "Array.from(document.querySelectorAll('.rows img')).some(i => i.complete && i.naturalWidth > 0)").await?;
    let kept = kept_once(&b, |k| !k.is_empty()).await?;
    assert!(!kept.is_empty(), "nothing was kept before sign-out");
    // Both stores exist before, so that their absence after means
    // something.
    let before = stores(&b).await?;
    assert_eq!(
        before,
        (true, true),
        "(contacts database, avatar cache) before sign-out"
    );
    b.wait_for(".topbar button").await?.click().await?;
    b.wait_for("#login").await?;
    assert_eq!(
        stores(&b).await?,
        (false, false),
        "(contacts database, avatar cache) after sign-out"
    );
    Ok(())
}

/// Whether the contacts database and the avatar cache exist on the device.
/// A script that fails panics rather than reading as "absent".
async fn stores(b: &Browser) -> e2e::Result<(bool, bool)> {
    let found = b
        .eval_async(
            "const dbs = (await indexedDB.databases()).map(d => d.name); \
             return {db: dbs.includes('staff-pwa-offline'), avatars: await caches.has('avatars')};",
        )
        .await?;
    match (found["db"].as_bool(), found["avatars"].as_bool()) {
        (Some(db), Some(avatars)) => Ok((db, avatars)),
        _ => panic!("could not read the device's stores: {found}"),
    }
}

/// Turns the build in `dir` into the next one, as a deploy would: the
/// stylesheet changes (so its hashed name does), index.html and the
/// worker's precache list name the new file, the worker's build version
/// changes, and the old file is gone. Returns (old css, new css, new build).
fn next_build(dir: &Path) -> std::io::Result<(String, String, String)> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name));
    let old_css = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("app-") && n.ends_with(".css"))
        .ok_or_else(|| std::io::Error::other("no stylesheet in the build"))?;
    let css = read(&old_css)? + "\n.next-build { display: none }\n";
    let mut h = std::collections::hash_map::DefaultHasher::new();
    css.hash(&mut h);
    let new_css = format!("app-{:016x}.css", h.finish());
    let build = format!("{:016x}", h.finish() ^ 0x5a5a);
    std::fs::write(dir.join(&new_css), css)?;
    std::fs::remove_file(dir.join(&old_css))?;
    // The stylesheet's integrity hash was for the old content.
    let index = read("index.html")?;
    let start = index
        .find(&format!("href=\"/{old_css}\""))
        .ok_or_else(|| std::io::Error::other("index.html does not link the stylesheet"))?;
    let end = start
        + index[start..]
            .find("/>")
            .ok_or_else(|| std::io::Error::other("the stylesheet link is not closed"))?;
    let index = format!("{}href=\"/{new_css}\"{}", &index[..start], &index[end..]);
    std::fs::write(dir.join("index.html"), index)?;
    let sw = read("sw.js")?.replace(&old_css, &new_css);
    let version_at = sw
        .find("const BUILD = \"")
        .ok_or_else(|| std::io::Error::other("sw.js has no build version"))?
        + "const BUILD = \"".len();
    let sw = format!("{}{build}{}", &sw[..version_at], &sw[version_at + 16..]);
    std::fs::write(dir.join("sw.js"), sw)?;
    // The build's precompressed twins of what changed are stale now (a
    // real build writes them afresh): without them pwa-server compresses
    // the new files itself.
    for changed in [old_css.as_str(), "index.html", "sw.js"] {
        for twin in ["br", "gz"] {
            let path = dir.join(format!("{changed}.{twin}"));
            if path.exists() {
                std::fs::remove_file(path)?;
            }
        }
    }
    Ok((old_css, new_css, build))
}

#[tokio::test]
async fn a_new_build_is_offered_and_reload_brings_it_whole() -> e2e::Result<()> {
    let (dist, dir) = e2e::build_copy()?;
    let server = Server::start_in(&dir, 3000, &[])?;
    let b = Browser::start().await?;
    b.sign_in(&server.url, "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    b.wait_for_worker().await?;
    let sheet = "return document.querySelector('link[rel=stylesheet]').getAttribute('href')";
    let before = b.client.execute(sheet, vec![]).await?;

    b.wait_for_cached("/i18n/en.json").await?;
    // An editor's device: the worker keeps the editing part too.
    let Some(editing) = e2e::wasm_named(dist.path(), "split_editing-") else {
        panic!("the build has no editing part");
    };
    b.wait_for_cached(&editing).await?;

    let (old_css, new_css, build) = next_build(dist.path())?;
    assert_eq!(before.as_str(), Some(format!("/{old_css}").as_str()));
    // What the browser does by itself on navigations and every few hours.
    b.eval_async("await (await navigator.serviceWorker.getRegistration()).update(); return true;")
        .await?;
    b.wait_for_text("A new version is available").await?;
    // Until the user says so, the page keeps running the build it started with.
    assert_eq!(b.client.execute(sheet, vec![]).await?, before);
    // The new build took along the language in use (the page, still on
    // the old build, has not asked for it again: it opens offline in it)
    // and, this being an editor's device, the editing part (editing still
    // works offline after the update).
    for (kept, what) in [
        ("/i18n/en.json", "the catalogue in use"),
        (editing.as_str(), "the editing part"),
    ] {
        let carried = b
            .eval_async(&format!(
                "return !!(await (await caches.open('shell-{build}')).match('{kept}'));"
            ))
            .await?;
        assert_eq!(carried.as_bool(), Some(true), "{what} was not carried over");
    }

    b.client
        .find(fantoccini::Locator::XPath(
            "//div[contains(@class,'banner')]//button[normalize-space()='Reload']",
        ))
        .await?
        .click()
        .await?;
    b.wait_until(
        "the page runs the new build",
        &format!(
            "document.querySelector('link[rel=stylesheet]')?.getAttribute('href') === '/{new_css}'"
        ),
    )
    .await?;
    b.wait_for(".rows .row").await?;
    let caches = b.eval_async("return await caches.keys();").await?;
    let shells: Vec<&str> = caches
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .filter(|n| n.starts_with("shell-"))
        .collect();
    assert_eq!(shells, vec![format!("shell-{build}")], "{caches}");
    let banner = b
        .client
        .execute(
            "return document.body.innerText.includes('A new version is available')",
            vec![],
        )
        .await?;
    assert_eq!(banner.as_bool(), Some(false));
    Ok(())
}

/// The contacts kept on the device, (id, name), polled until `done`
/// holds for them; what was kept last if it never does.
async fn kept_once(
    b: &Browser,
    done: impl Fn(&[(i64, String)]) -> bool,
) -> e2e::Result<Vec<(i64, String)>> {
    e2e::polled(|| b.kept(), |kept| done(kept)).await
}

#[tokio::test]
async fn the_next_user_signing_in_finds_nothing_of_the_last() -> e2e::Result<()> {
    let (server, b) = e2e::signed_in().await?;
    let azure = |k: &[(i64, String)]| k.iter().any(|(_, n)| n == "Azure Interior");
    let admins = kept_once(&b, azure).await?;
    assert!(azure(&admins), "admin's contacts were not kept: {admins:?}");

    // The session ends on the server (an administrator, a timeout); the
    // app finds out and somebody else signs in on this device.
    b.end_session_on_server().await?;
    b.client.goto(&format!("{}/partners", server.url)).await?;
    b.wait_for("#login").await?;
    b.sign_in_here("portal", "portal").await?;
    b.wait_for(".rows .row").await?;
    let shown = b.row_names().await?;
    assert!(
        !shown.iter().any(|n| n == "Azure Interior"),
        "portal sees {shown:?}"
    );
    let only_shown = |k: &[(i64, String)]| k.iter().all(|(_, n)| shown.contains(n));
    let kept = kept_once(&b, |k| !k.is_empty() && only_shown(k)).await?;
    assert!(!kept.is_empty(), "the portal user's contacts were not kept");
    assert!(
        only_shown(&kept),
        "the device still holds another user's contacts: {kept:?} (portal sees {shown:?})"
    );
    Ok(())
}

#[tokio::test]
async fn the_device_keeps_at_most_5000_contacts_the_latest_fetched() -> e2e::Result<()> {
    let server = Server::start_with_partners(5_400, &[])?;
    let b = Browser::start().await?;
    b.client.goto(&format!("{}/login", server.url)).await?;
    b.sign_in_here_to("demo_big", "admin", "admin").await?;
    b.wait_for(".rows .row a.name").await?;
    let first_id = "return parseInt(document.querySelector('.rows .row a.name').getAttribute('href').split('/').pop())";
    // A made-up id would make "the first page was trimmed" hold trivially.
    let first = b.client.execute(first_id, vec![]).await?;
    let Some(first) = first.as_i64().filter(|id| *id > 0) else {
        panic!("no contact id in the first row: {first}");
    };
    let has = |k: &[(i64, String)], id: i64| k.iter().any(|(i, _)| *i == id);
    // Kept at first, so that its absence at the end is the trimming.
    let early = kept_once(&b, |k| has(k, first)).await?;
    assert!(
        has(&early, first),
        "the first page ({first}) was never kept"
    );
    // Scroll until more than 5,000 contacts were fetched (66 pages), one
    // page at a time.
    let rows = "parseFloat(document.querySelector('.rows').style.height || '0') / 72";
    let mut loaded = 80;
    while loaded < 5200 {
        b.client
            .execute(
                "const l = document.querySelector('.list'); l.scrollTop = l.scrollHeight; l.dispatchEvent(new Event('scroll'));",
                vec![],
            )
            .await?;
        b.wait_until("the next page", &format!("{rows} > {loaded}"))
            .await?;
        loaded = b
            .client
            .execute(&format!("return {rows}"), vec![])
            .await?
            .as_u64()
            .unwrap_or(0);
    }
    let last = b
        .client
        .execute(
            "return Math.max(...Array.from(document.querySelectorAll('.rows .row a.name')).map(a => parseInt(a.getAttribute('href').split('/').pop())).filter(n => n > 0))",
            vec![],
        )
        .await?;
    let Some(last) = last.as_i64().filter(|id| *id > 0) else {
        panic!("no contact id in the last rows: {last}");
    };
    let kept = kept_once(&b, |k| k.len() == 5000 && !has(k, first) && has(k, last)).await?;
    assert_eq!(kept.len(), 5000, "contacts kept");
    assert_eq!(
        (has(&kept, first), has(&kept, last)),
        (false, true),
        "the first page ({first}) should be trimmed and the last ({last}) kept"
    );
    Ok(())
}
