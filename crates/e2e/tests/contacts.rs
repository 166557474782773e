//! The contacts journeys: search, filter, scroll, open and come back,
//! session expiry and return.

use e2e::{signed_in, Browser, Server};

#[tokio::test]
async fn search_as_you_type_updates_the_url_and_the_rows() -> e2e::Result<()> {
    let (_server, b) = signed_in().await?;
    b.fill("#search", "azure").await?;
    b.wait_until("the URL holds the search", "location.search === '?q=azure'")
        .await?;
    b.wait_for_search("azure").await?;
    let names = b.row_names().await?;
    assert!(!names.is_empty());
    assert!(names.iter().any(|n| n == "Azure Interior"), "{names:?}");
    assert!(
        names.len() < 80,
        "the search did not narrow the list: {names:?}"
    );
    b.wait_for_text("Azure Interior").await?;
    let count = b
        .client
        .execute(
            "return document.querySelector('.count').textContent",
            vec![],
        )
        .await?;
    assert!(count.as_str().unwrap_or("").starts_with("1–"), "{count}");

    b.fill("#search", "no such contact zzz").await?;
    b.wait_for_text("No contacts match.").await?;
    assert_eq!(b.value_of("#search").await?, "no such contact zzz");
    Ok(())
}

#[tokio::test]
async fn filters_show_companies_or_people() -> e2e::Result<()> {
    let (_server, b) = signed_in().await?;
    b.client
        .execute("Array.from(document.querySelectorAll('.chip')).find(c => c.textContent === 'Companies').click()", vec![])
        .await?;
    b.wait_until(
        "companies in the URL",
        "location.search === '?kind=companies'",
    )
    .await?;
    b.wait_until(
        "the list reloaded",
        "document.querySelector('.rows').dataset.state === 'idle'",
    )
    .await?;
    b.wait_for_text("Azure Interior").await?;
    let people = b
        .client
        .execute(
            "return document.body.innerText.includes('Brandon Freeman')",
            vec![],
        )
        .await?;
    assert_eq!(
        people.as_bool(),
        Some(false),
        "a person shows under Companies"
    );
    Ok(())
}

#[tokio::test]
async fn scrolling_loads_more_and_keeps_the_dom_small() -> e2e::Result<()> {
    let (_server, b) = signed_in().await?;
    let total_rows = "parseFloat(document.querySelector('.rows').style.height) / 72";
    b.wait_until("first page", &format!("{total_rows} === 80"))
        .await?;
    b.client
        .execute("const l = document.querySelector('.list'); l.scrollTop = l.scrollHeight; l.dispatchEvent(new Event('scroll'));", vec![])
        .await?;
    b.wait_until("second page", &format!("{total_rows} > 80"))
        .await?;
    let rendered = b
        .client
        .execute(
            "return document.querySelectorAll('.rows .row').length",
            vec![],
        )
        .await?;
    assert!(
        rendered.as_u64().unwrap_or(999) < 60,
        "{rendered} rows in the DOM"
    );
    Ok(())
}

/// A fling asks for no avatars for the rows it passes (decoding them was
/// the one long task while scrolling); where the list comes to rest, they
/// come.
#[tokio::test]
async fn avatars_wait_for_the_list_to_rest() -> e2e::Result<()> {
    let (_server, b) = signed_in().await?;
    b.wait_until(
        "the first avatars",
        "Array.from(document.querySelectorAll('.rows .row img')).every(i => i.getAttribute('src'))",
    )
    .await?;
    // Rows far down, drawn in the frame after a scroll: no avatar asked.
    let asked = b
        .eval_async(
            "const l = document.querySelector('.list'); l.scrollTop = 72 * 60; l.dispatchEvent(new Event('scroll'));\n\
             await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));\n\
             const imgs = Array.from(document.querySelectorAll('.rows .row')).filter(r => parseFloat(r.style.transform.slice(11)) >= 72 * 60).map(r => r.querySelector('img'));\n\
             return [imgs.length, imgs.filter(i => i.getAttribute('src')).length];",
        )
        .await?;
    let counts: Vec<u64> = asked
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_u64())
        .collect();
    assert!(counts[0] > 5, "no rows far down were drawn: {asked}");
    assert_eq!(counts[1], 0, "avatars asked for mid-scroll: {asked}");
    b.wait_until(
        "the avatars where the list rests",
        "Array.from(document.querySelectorAll('.rows .row img')).every(i => i.getAttribute('src'))",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_contact_opens_and_back_returns_to_the_same_place() -> e2e::Result<()> {
    let (_server, b) = signed_in().await?;
    b.fill("#search", "azure").await?;
    b.wait_for_search("azure").await?;
    b.client
        .execute("Array.from(document.querySelectorAll('.rows .name')).find(a => a.textContent === 'Azure Interior').click()", vec![])
        .await?;
    b.wait_for(".card-head h1").await?;
    b.wait_for_text("People").await?;
    b.wait_for_text("Brandon Freeman").await?;
    assert!(b
        .client
        .current_url()
        .await?
        .path()
        .starts_with("/partners/"));
    b.client.back().await?;
    b.wait_for(".rows .row").await?;
    assert_eq!(b.path_and_query().await?, "/partners?q=azure");
    assert_eq!(b.value_of("#search").await?, "azure");
    Ok(())
}

#[tokio::test]
async fn a_name_with_markup_shows_as_text() -> e2e::Result<()> {
    let (_server, b) = signed_in().await?;
    b.fill("#search", "<script>").await?;
    b.wait_for_search("<script>").await?;
    b.wait_for_text("<script>").await?;
    let injected = b
        .client
        .execute(
            "return document.querySelectorAll('.rows script').length",
            vec![],
        )
        .await?;
    assert_eq!(injected.as_u64(), Some(0));
    Ok(())
}

#[tokio::test]
async fn session_expiry_returns_to_the_same_url_after_signing_in() -> e2e::Result<()> {
    let (_server, b) = signed_in().await?;
    b.fill("#search", "azure").await?;
    b.wait_until("search done", "location.search === '?q=azure' && document.querySelector('.rows').dataset.state === 'idle'").await?;
    // The server forgets the session (as after a timeout or a restart).
    b.end_session_on_server().await?;
    b.client
        .execute("Array.from(document.querySelectorAll('.chip')).find(c => c.textContent === 'Companies').click()", vec![])
        .await?;
    b.wait_for("#login").await?;
    b.wait_for_text("Your session has expired").await?;
    b.sign_in_here("admin", "admin").await?;
    b.wait_until("back on the list", "location.pathname === '/partners'")
        .await?;
    assert_eq!(
        b.path_and_query().await?,
        "/partners?q=azure&kind=companies"
    );
    b.wait_for_text("Azure Interior").await?;
    Ok(())
}

/// Each version's differences (16's `fields` form and `display_name`
/// order, no `complete_name`; 19's missing `mobile`; one database or
/// several): the same journey, list, search, a company's card with its
/// people, works against demo-odoo as each, with no error on screen.
#[tokio::test]
async fn the_same_journey_works_against_odoo_16_to_19() -> e2e::Result<()> {
    let b = Browser::start().await?;
    for version in ["16", "17", "18", "19"] {
        for mono in [false, true] {
            let what = format!(
                "Odoo {version}, {}",
                if mono { "one database" } else { "several" }
            );
            let mut args = vec!["--odoo-version", version];
            if mono {
                args.extend(["--db-filter", "demo"]);
            }
            let server = Server::start(&args)?;
            b.goto_sign_in(&server.url).await?;
            b.wait_until(
                "the database list",
                "document.querySelector('form').dataset.databases !== 'loading'",
            )
            .await?;
            let choice = b
                .client
                .execute("return !!document.querySelector('select#db')", vec![])
                .await?;
            assert_eq!(choice.as_bool(), Some(!mono), "{what}: database choice");
            b.sign_in_here("admin", "admin").await?;
            b.wait_for(".rows .row").await?;
            let first = b.row_names().await?;
            assert!(first.len() >= 5, "{what}: {first:?}");
            b.fill("#search", "azure").await?;
            b.wait_for_search("azure").await?;
            let names = b.row_names().await?;
            assert!(
                names.iter().any(|n| n == "Azure Interior"),
                "{what}: {names:?}"
            );
            b.client
                .execute(
                    "Array.from(document.querySelectorAll('.rows a.name')).find(a => a.textContent === 'Azure Interior').click()",
                    vec![],
                )
                .await?;
            b.wait_for(".card h1").await?;
            b.wait_until(
                "the card heading",
                "document.querySelector('.card h1').textContent === 'Azure Interior'",
            )
            .await?;
            b.wait_for(".people li").await?;
            let alert = b
                .client
                .execute(
                    "return document.querySelector('[role=alert]')?.textContent ?? ''",
                    vec![],
                )
                .await?;
            assert_eq!(alert.as_str(), Some(""), "{what}");
            b.end_session_on_server().await?;
        }
    }
    Ok(())
}
