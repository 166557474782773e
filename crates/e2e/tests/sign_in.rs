//! Sign-in journeys against a real pwa-server with the demo backend.

use e2e::{Browser, Server};

#[tokio::test]
async fn admin_signs_in_and_sees_a_demo_contact() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.sign_in(&server.url, "admin", "admin").await?;
    b.wait_for_text("Azure Interior").await?;
    assert_eq!(b.client.current_url().await?.path(), "/partners");
    Ok(())
}

#[tokio::test]
async fn wrong_password_says_so_and_keeps_the_login() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.sign_in(&server.url, "admin", "not-the-password").await?;
    b.wait_for_text("Wrong login or password").await?;
    assert_eq!(b.value_of("#login").await?, "admin");
    assert_eq!(b.value_of("#password").await?, "not-the-password");
    assert_eq!(b.client.current_url().await?.path(), "/login");
    Ok(())
}

#[tokio::test]
async fn a_live_cookie_skips_the_sign_in_page_and_sign_out_ends_it() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.sign_in(&server.url, "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    // A reload on a deep link lands on that page, signed in.
    b.client
        .goto(&format!("{}/partners?kind=companies", server.url))
        .await?;
    b.wait_for(".rows .row").await?;
    assert_eq!(b.path_and_query().await?, "/partners?kind=companies");
    b.wait_until(
        "the Companies filter is on",
        "document.querySelector('.chip[aria-pressed=true]').textContent === 'Companies'",
    )
    .await?;

    b.wait_for(".topbar button").await?.click().await?;
    b.wait_for("#login").await?;
    assert_eq!(b.client.current_url().await?.path(), "/login");
    // The server session is gone, not only the app's: Odoo knows no user
    // by the browser's cookie (the app asks the same once its form is up).
    // (The app ends it on the server after it has signed out here.)
    let user = e2e::polled(|| b.server_knows_a_user(), |user| !user).await?;
    assert!(!user, "a session left on the server");
    // Going back to the list asks to sign in.
    b.client.goto(&format!("{}/partners", server.url)).await?;
    b.wait_for("#login").await?;
    assert!(b
        .path_and_query()
        .await?
        .starts_with("/login?next=%2Fpartners"));
    Ok(())
}

/// A browser whose cookie is a session the device never kept (signed in
/// with Odoo's own client, or the app's storage cleared): the sign-in
/// form comes at once, the server is asked once it is up, and the app
/// goes on to where the user was going.
#[tokio::test]
async fn a_cookie_the_device_never_kept_still_opens_the_app_where_asked() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.sign_in(&server.url, "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    b.eval_async("localStorage.clear(); return true;").await?;

    b.client
        .goto(&format!("{}/partners?kind=companies", server.url))
        .await?;
    b.wait_until(
        "back on the page asked for",
        "location.pathname + location.search === '/partners?kind=companies' && !!document.querySelector('.rows .row')",
    )
    .await?;
    b.wait_until(
        "the Companies filter is on",
        "document.querySelector('.chip[aria-pressed=true]').textContent === 'Companies'",
    )
    .await?;
    Ok(())
}

/// The database field is drawn from the device's last answer at once (a
/// server with several databases): it does not appear under the user's
/// finger once the server's list comes. On a first visit there is none
/// to draw from: the field comes with the list.
#[tokio::test]
async fn a_known_database_list_is_drawn_with_the_form() -> e2e::Result<()> {
    let server = Server::start(&[])?;
    let b = Browser::start().await?;
    b.watch_sign_in_form().await?;
    let fields_at_ready = || async {
        b.client.execute_async(e2e::FORM_READY, vec![]).await?;
        b.strings("return window.__formFieldsAtReady").await
    };

    b.client.goto(&format!("{}/login", server.url)).await?;
    let first = fields_at_ready().await?;
    assert!(!first.contains(&"db".to_string()), "{first:?}");
    b.wait_for("select#db").await?;

    b.client.goto(&format!("{}/login", server.url)).await?;
    let again = fields_at_ready().await?;
    assert!(again.contains(&"db".to_string()), "{again:?}");
    b.sign_in_here("admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    Ok(())
}
