//! The app in the user's language: the browser's before sign-in, the
//! user's Odoo language after it (without a reload), the same offline;
//! Arabic right to left, mirrored, accessible, never wider than a phone.
//! The words expected are read from the catalogues themselves.

use e2e::{Browser, Server};
use serde_json::Value;
use std::path::Path;

/// A language's compiled messages, as the app gets them.
fn messages(lang: &str) -> serde_json::Map<String, Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../i18n");
    let all = catalogues::load_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    all.into_iter()
        .find(|c| c.lang == lang)
        .unwrap_or_else(|| panic!("no catalogue {lang}"))
        .messages
}

fn text(m: &serde_json::Map<String, Value>, key: &str) -> String {
    m[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not plain text"))
        .to_string()
}

/// The fixed words of a message with variables (what is around them).
fn pieces(m: &serde_json::Map<String, Value>, key: &str) -> Vec<String> {
    let t = text(m, key);
    t.split(['{', '}'])
        .enumerate()
        .filter(|(i, p)| i % 2 == 0 && !p.trim().is_empty())
        .map(|(_, p)| p.trim().to_string())
        .collect()
}

async fn lang_and_dir(b: &Browser) -> e2e::Result<(String, String)> {
    let v = b
        .client
        .execute(
            "return [document.documentElement.lang, document.documentElement.dir]",
            vec![],
        )
        .await?;
    let s = e2e::strings_of(&v);
    Ok((s[0].clone(), s[1].clone()))
}

#[tokio::test]
async fn a_french_user_reads_french_from_sign_in_to_offline() -> e2e::Result<()> {
    let en = messages("en");
    let fr = messages("fr");
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.goto_sign_in(&server.url).await?;
    // Before sign-in: the browser's language (headless Chromium: English).
    let submit = b.wait_for("button[type=submit]").await?.text().await?;
    assert_eq!(submit, text(&en, "sign-in-button"));
    assert_eq!(lang_and_dir(&b).await?.1, "ltr");

    // Signing in changes the language in place: the page is not reloaded.
    b.client.execute("window.__samePage = true", vec![]).await?;
    b.sign_in_here("demo-fr", "demo-fr").await?;
    b.wait_until(
        "the page in the user's Odoo language",
        "document.documentElement.lang === 'fr-BE'",
    )
    .await?;
    b.wait_for(".rows .row").await?;
    let same = b
        .client
        .execute("return window.__samePage === true", vec![])
        .await?;
    assert_eq!(same.as_bool(), Some(true), "the page was reloaded");
    let sign_out = b.wait_for(".topbar button").await?.text().await?;
    assert_eq!(sign_out, text(&fr, "sign-out"));
    let count = b.wait_for(".count").await?.text().await?;
    for piece in pieces(&fr, "range") {
        assert!(count.contains(&piece), "{count:?} lacks {piece:?}");
    }
    let placeholder = b.wait_for("#search").await?.attr("placeholder").await?;
    assert_eq!(placeholder, Some(text(&fr, "search-placeholder")));

    // A contact's card.
    b.client
        .goto(&format!("{}/partners?q=azure", server.url))
        .await?;
    b.wait_for(".rows .row a.name").await?.click().await?;
    b.wait_for(".card h1").await?;
    let labels = b
        .strings("return Array.from(document.querySelectorAll('.card dt')).map(d => d.textContent)")
        .await?;
    assert!(labels.contains(&text(&fr, "address")), "{labels:?}");
    assert!(labels.contains(&text(&fr, "field-email")), "{labels:?}");
    assert_eq!(
        b.wait_for(".card .back").await?.text().await?,
        text(&fr, "back")
    );

    // Offline (the server gone), the last session's language.
    b.wait_for_worker().await?;
    b.wait_for_cached("/i18n/fr.json").await?;
    let url = server.url.clone();
    drop(server);
    b.client.goto(&format!("{url}/partners")).await?;
    for piece in pieces(&fr, "offline-since") {
        b.wait_for_text(&piece).await?;
    }
    assert_eq!(lang_and_dir(&b).await?, ("fr-BE".into(), "ltr".into()));
    assert_eq!(
        b.wait_for(".topbar button").await?.text().await?,
        text(&fr, "sign-out")
    );
    Ok(())
}

#[tokio::test]
async fn arabic_is_right_to_left_mirrored_and_accessible_on_a_phone() -> e2e::Result<()> {
    let ar = messages("ar");
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.as_phone().await?;
    b.sign_in(&server.url, "demo-ar", "demo-ar").await?;
    b.wait_until("right to left", "document.documentElement.dir === 'rtl'")
        .await?;
    b.wait_for(".rows .row").await?;
    assert_eq!(lang_and_dir(&b).await?, ("ar-001".into(), "rtl".into()));
    assert_eq!(
        b.wait_for(".topbar button").await?.text().await?,
        text(&ar, "sign-out")
    );
    // Mirrored: the floating New buttons sit at the left edge, the brand
    // at the right.
    b.wait_for(".new-buttons a").await?;
    let edges = b
        .client
        .execute(
            "const n = document.querySelector('.new-buttons').getBoundingClientRect();\n\
             const brand = document.querySelector('.brand').getBoundingClientRect();\n\
             return [n.left, 360 - n.right, brand.left, 360 - brand.right]",
            vec![],
        )
        .await?;
    let e: Vec<f64> = edges
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect();
    assert!(e[0] < e[1], "New buttons not on the left: {e:?}");
    assert!(e[3] < e[2], "the brand not on the right: {e:?}");
    assert!(!b.scrolls_sideways().await?, "list");
    let violations = b.axe_violations().await?;
    assert!(violations.is_empty(), "list: {violations:#?}");

    b.client
        .goto(&format!("{}/partners?q=azure", server.url))
        .await?;
    b.wait_for(".rows .row a.name").await?.click().await?;
    b.wait_for(".card h1").await?;
    assert!(!b.scrolls_sideways().await?, "card");
    // What staff typed keeps its own direction; a phone number reads left
    // to right ("+1 555", not "555 1+").
    let bidi = b
        .client
        .execute(
            "return [getComputedStyle(document.querySelector('.card a[href^=\"tel:\"]')).direction, getComputedStyle(document.querySelector('.card dd')).unicodeBidi]",
            vec![],
        )
        .await?;
    assert_eq!(e2e::strings_of(&bidi), ["ltr", "plaintext"]);
    let violations = b.axe_violations().await?;
    assert!(violations.is_empty(), "card: {violations:#?}");
    Ok(())
}
