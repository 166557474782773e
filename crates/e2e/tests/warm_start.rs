//! A warm start: with a session that was alive, the list (or a contact's
//! card on a deep link) is drawn from what the device kept while the
//! server is still being asked; the server's rows then take their place
//! without a jump, and an expired session still ends at sign-in and back.
//!
//! "Still being asked" is real: Odoo (a second pwa-server with the demo)
//! sits behind a gate the test holds, so nothing from it reaches the app
//! until the test lets it.

use e2e::{Browser, Server};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// A TCP forwarder to `upstream` that, while held, passes nothing from the
/// client on (requests wait; connections already open too).
struct Gate {
    url: String,
    open: Arc<watch::Sender<bool>>,
}

impl Gate {
    async fn start(upstream: &str) -> e2e::Result<Gate> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let (open, _) = watch::channel(true);
        let open = Arc::new(open);
        let to = upstream.trim_start_matches("http://").to_string();
        let gate = open.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let to = to.clone();
                let open = gate.subscribe();
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(&to).await {
                        forward(client, server, open).await;
                    }
                });
            }
        });
        Ok(Gate { url, open })
    }

    fn hold(&self) {
        self.open.send_replace(false);
    }

    fn release(&self) {
        self.open.send_replace(true);
    }
}

async fn forward(client: TcpStream, server: TcpStream, mut open: watch::Receiver<bool>) {
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let up = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = match cr.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if open.wait_for(|o| *o).await.is_err() || sw.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
        let _ = sw.shutdown().await;
    };
    let down = async move {
        let _ = tokio::io::copy(&mut sr, &mut cw).await;
        let _ = cw.shutdown().await;
    };
    tokio::join!(up, down);
}

struct Setup {
    front: Server,
    gate: Gate,
    odoo: Option<Server>,
    odoo_url: String,
}

async fn setup() -> e2e::Result<Setup> {
    let dist = Server::dist()?;
    let odoo = Server::start_in(&dist, 300, &[])?;
    let gate = Gate::start(&odoo.url).await?;
    let front = Server::start_in(&dist, 300, &["--odoo", &gate.url])?;
    Ok(Setup {
        front,
        gate,
        odoo_url: odoo.url.clone(),
        odoo: Some(odoo),
    })
}

/// Signed in as admin, on the list, the worker in control and the first
/// page kept on the device.
async fn visited(s: &Setup) -> e2e::Result<Browser> {
    let b = Browser::start().await?;
    b.sign_in(&s.front.url, "admin", "admin").await?;
    b.wait_for(".rows .row").await?;
    b.wait_for_worker().await?;
    for _ in 0..300 {
        if b.kept().await?.len() >= 40 {
            return Ok(b);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the first page was never kept");
}

async fn first_row(b: &Browser) -> e2e::Result<(String, f64)> {
    let v = b
        .client
        .execute(
            "const r = document.querySelector('.rows .row'); return [r.querySelector('.name').textContent, r.getBoundingClientRect().top]",
            vec![],
        )
        .await?;
    Ok((
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_f64().unwrap_or(f64::NAN),
    ))
}

#[tokio::test]
async fn the_list_is_drawn_from_the_device_then_the_servers_rows_take_its_place() -> e2e::Result<()>
{
    let s = setup().await?;
    let b = visited(&s).await?;
    let (name, _) = first_row(&b).await?;

    s.gate.hold();
    b.client.goto(&format!("{}/partners", s.front.url)).await?;
    b.wait_until(
        "the kept rows, shown",
        "document.documentElement.hasAttribute('dir') && document.querySelectorAll('.rows .row .name').length > 5",
    )
    .await?;
    // Drawn while the server is still being asked: the list is loading,
    // and no error or offline banner stands in its place.
    let state = b
        .client
        .execute(
            "return document.querySelector('.rows').dataset.state",
            vec![],
        )
        .await?;
    assert_eq!(state.as_str(), Some("loading"));
    assert!(!b
        .client
        .execute(
            "return !!document.querySelector('.offline-bar, .error-bar')",
            vec![]
        )
        .await?
        .as_bool()
        .unwrap_or(true));
    let (kept_name, kept_top) = first_row(&b).await?;
    assert_eq!(kept_name, name, "the kept list in the server's order");

    s.gate.release();
    b.wait_until(
        "the server's rows",
        "document.querySelector('.rows').dataset.state === 'idle' && document.querySelector('.count').textContent.includes(' of ')",
    )
    .await?;
    let (fresh_name, fresh_top) = first_row(&b).await?;
    assert_eq!(fresh_name, name);
    assert_eq!(fresh_top, kept_top, "the rows moved when the server's came");
    Ok(())
}

#[tokio::test]
async fn a_deep_link_draws_the_kept_card_while_the_server_is_asked() -> e2e::Result<()> {
    let s = setup().await?;
    let b = visited(&s).await?;
    let (name, _) = first_row(&b).await?;
    b.wait_for(".rows .row a.name").await?.click().await?;
    b.wait_for(".card h1").await?;
    let deep = b.path_and_query().await?;

    s.gate.hold();
    b.client.goto(&format!("{}{deep}", s.front.url)).await?;
    b.wait_until(
        "the kept card",
        "document.documentElement.hasAttribute('dir') && document.querySelector('.card h1')",
    )
    .await?;
    assert_eq!(b.wait_for(".card h1").await?.text().await?, name);
    // The kept card's heading, marked: the server's card draws its own.
    b.client
        .execute("document.querySelector('.card h1').__kept = true", vec![])
        .await?;
    s.gate.release();
    b.wait_until(
        "the server's card in the kept one's place",
        "document.querySelector('.card h1') && !document.querySelector('.card h1').__kept",
    )
    .await?;
    assert_eq!(b.wait_for(".card h1").await?.text().await?, name);
    assert_eq!(b.path_and_query().await?, deep);
    Ok(())
}

#[tokio::test]
async fn an_expired_session_still_ends_at_sign_in_and_back() -> e2e::Result<()> {
    let mut s = setup().await?;
    let b = visited(&s).await?;
    // The companies' first page, shown and kept (a warm start draws page
    // one of the query it last kept).
    b.client
        .goto(&format!("{}/partners?kind=companies", s.front.url))
        .await?;
    b.wait_until("the companies", "document.querySelector('.rows').dataset.state === 'idle' && document.querySelector('.rows .row .name')").await?;
    s.gate.hold();
    b.client
        .goto(&format!("{}/partners?kind=companies", s.front.url))
        .await?;
    b.wait_until(
        "the kept rows, shown",
        "document.documentElement.hasAttribute('dir') && document.querySelector('.rows .row .name')",
    )
    .await?;
    // Odoo restarted without its sessions: the cookie is dead.
    s.odoo = None;
    let listen = s.odoo_url.trim_start_matches("http://").to_string();
    s.odoo = Some(Server::start_at(&listen, &Server::dist()?, 300, &[])?);
    s.gate.release();
    b.wait_until(
        "sign-in, saying why",
        "location.pathname === '/login' && document.querySelector('.notice')",
    )
    .await?;
    assert_eq!(
        b.path_and_query().await?,
        "/login?next=%2Fpartners%3Fkind%3Dcompanies&expired=1"
    );
    b.sign_in_here("admin", "admin").await?;
    b.wait_until(
        "back where the user was",
        "location.pathname === '/partners' && location.search === '?kind=companies'",
    )
    .await?;
    Ok(())
}
