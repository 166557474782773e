//! pwa-server with `--demo-data`, killed for real (SIGKILL to its process)
//! in the middle of sign-ins and writes, then started again on the same
//! folder: every session it had answered for and every write it had
//! acknowledged is there, and none twice.

use e2e::{odoo_search, rpc, Server};
use serde_json::json;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("a client")
}

async fn uid(c: &reqwest::Client, base: &str) -> Option<i64> {
    let info = rpc(c, base, "/web/session/get_session_info", json!({}))
        .await
        .ok()?;
    info["result"]["uid"].as_i64()
}

#[tokio::test]
async fn a_killed_demo_keeps_every_acknowledged_session_and_write() -> e2e::Result<()> {
    let data = tempfile::tempdir()?;
    let dir = data.path().to_string_lossy().to_string();
    let dist = Server::dist()?;
    let server = Server::start_in(&dist, 300, &["--demo-data", &dir])?;
    let base = server.url.clone();

    let mut sessions = Vec::new();
    for login in ["admin", "demo", "portal"] {
        let c = client();
        let signed = rpc(
            &c,
            &base,
            "/web/session/authenticate",
            json!({"db": "demo", "login": login, "password": login}),
        )
        .await
        .expect("a sign-in answer");
        assert!(
            signed["result"]["uid"].as_i64().is_some(),
            "{login}: {signed}"
        );
        sessions.push(c);
    }

    // One user writes as fast as the server answers; each acknowledged
    // create is reported, until a request fails (the server is gone).
    let writer = sessions[0].clone();
    let target = base.clone();
    let (tx, mut acked) = tokio::sync::mpsc::unbounded_channel::<u32>();
    let writes = tokio::spawn(async move {
        let mut done = Vec::new();
        for n in 0u32.. {
            let made = rpc(
                &writer,
                &target,
                "/web/dataset/call_kw/res.partner/create",
                json!({"model": "res.partner", "method": "create",
                       "args": [{"name": format!("Killed Write {n}")}], "kwargs": {}}),
            )
            .await;
            match made {
                Ok(v) if v["result"].as_i64().is_some() => {
                    done.push(n);
                    let _ = tx.send(n);
                }
                _ => break,
            }
        }
        done
    });
    // Meanwhile more people sign in; the kill comes after 25 writes, with
    // the next one in flight.
    let late = client();
    let late_signed = rpc(
        &late,
        &base,
        "/web/session/authenticate",
        json!({"db": "demo", "login": "demo", "password": "demo"}),
    )
    .await
    .expect("a sign-in answer");
    assert!(late_signed["result"]["uid"].as_i64().is_some());
    sessions.push(late);
    while let Some(n) = acked.recv().await {
        if n >= 25 {
            break;
        }
    }
    drop(server);
    let acknowledged = writes.await.expect("the writer ends");
    assert!(acknowledged.len() >= 26, "{acknowledged:?}");

    let listen = base.trim_start_matches("http://").to_string();
    let _again = Server::start_at(&listen, &dist, 300, &["--demo-data", &dir])?;
    for (i, c) in sessions.iter().enumerate() {
        assert!(uid(c, &base).await.is_some(), "session {i} was lost");
    }
    let rows = odoo_search(
        &base,
        "admin",
        json!([["name", "ilike", "Killed Write "]]),
        &["name"],
    )
    .await?;
    let names: Vec<String> = rows
        .iter()
        .filter_map(|r| r["name"].as_str().map(str::to_string))
        .collect();
    for n in &acknowledged {
        let name = format!("Killed Write {n}");
        let found = names.iter().filter(|x| **x == name).count();
        assert_eq!(found, 1, "{name} acknowledged, found {found} times");
    }
    // The one in flight may have been committed before the kill, or not.
    assert!(names.len() <= acknowledged.len() + 1, "{names:?}");
    Ok(())
}

/// Enough descriptors for the idle connections on both ends (the server
/// inherits the limit): a fresh machine's soft limit may be 1,024.
fn raise_open_files(to: u64) {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write `lim`.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < to {
            lim.rlim_cur = to.min(lim.rlim_max);
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

#[tokio::test]
async fn a_thousand_idle_connections_do_not_stop_others_being_served() -> e2e::Result<()> {
    use tokio::io::AsyncWriteExt;
    raise_open_files(4096);
    let server = Server::start(&[])?;
    let addr = server.url.trim_start_matches("http://").to_string();
    // Slowloris: each starts a request and never finishes its headers.
    let mut idle = Vec::new();
    for _ in 0..1000 {
        let mut s = tokio::net::TcpStream::connect(&addr).await?;
        s.write_all(b"POST /web/session/authenticate HTTP/1.1\r\nHost: x\r\n")
            .await?;
        idle.push(s);
    }
    // A bound on the wait, so a server that stopped answering fails the
    // test instead of hanging it.
    let c = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .cookie_store(true)
        .build()
        .expect("a client");
    let page = c
        .get(format!("{}/index.html", server.url))
        .send()
        .await
        .expect("the app is served");
    assert_eq!(page.status(), 200);
    let signed = rpc(
        &c,
        &server.url,
        "/web/session/authenticate",
        json!({"db": "demo", "login": "demo", "password": "demo"}),
    )
    .await
    .expect("a sign-in is answered");
    assert!(signed["result"]["uid"].as_i64().is_some(), "{signed}");
    drop(idle);
    Ok(())
}
