//! `/web/image/res.partner/<id>/avatar_128`: initials for contacts without
//! a photo, the photo when there is one, Odoo's caching headers (ETag and
//! 304, a year of `immutable` with `?unique=`), and what visitors without
//! a session or with too few rights get.

mod common;

use common::*;
use demo_odoo::{Config, DemoOdoo};
use reqwest::StatusCode;

async fn get(
    c: &reqwest::Client,
    s: &Server,
    path: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = c.get(format!("{}{path}", s.url));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn initials_with_etag_and_304() {
    for version in [16, 18] {
        let s = start(mono(version)).await;
        let c = admin(&s).await;
        let res = get(&c, &s, "/web/image/res.partner/14/avatar_128", &[]).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(header(&res, "content-type"), "image/svg+xml");
        assert_eq!(header(&res, "cache-control"), "no-cache, private");
        assert_eq!(
            header(&res, "content-disposition"),
            "inline; filename=\"Azure Interior.svg\""
        );
        assert_eq!(header(&res, "x-content-type-options"), "nosniff");
        assert_eq!(
            header(&res, "content-security-policy"),
            "default-src 'none'"
        );
        assert!(header(&res, "last-modified").ends_with(" GMT"));
        let etag = header(&res, "etag");
        let size = if version == 16 { "0x0" } else { "128x128" };
        assert!(
            etag.starts_with('"') && etag.ends_with(&format!("-{size}-crop=False-quality=0\"")),
            "{etag}"
        );
        let svg = res.text().await.unwrap();
        assert!(
            svg.contains(">A</text>") && svg.contains("fill=\"hsl("),
            "{svg}"
        );

        let again = get(
            &c,
            &s,
            "/web/image/res.partner/14/avatar_128",
            &[("if-none-match", &etag)],
        )
        .await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(header(&again, "etag"), etag);
        assert!(again.bytes().await.unwrap().is_empty());
        let stale = get(
            &c,
            &s,
            "/web/image/res.partner/14/avatar_128",
            &[("if-none-match", "\"other\"")],
        )
        .await;
        assert_eq!(stale.status(), StatusCode::OK);

        let forever = get(
            &c,
            &s,
            "/web/image/res.partner/14/avatar_128?unique=2025-01-06",
            &[],
        )
        .await;
        assert_eq!(
            header(&forever, "cache-control"),
            "max-age=31536000, private, immutable"
        );
        assert!(header(&forever, "expires").ends_with(" GMT"));
        assert_eq!(header(&forever, "etag"), etag, "same picture, same tag");

        // Each contact its own colour (the seed is name and creation time).
        let other = get(&c, &s, "/web/image/res.partner/10/avatar_128", &[]).await;
        assert_ne!(header(&other, "etag"), etag);
        let xss = call_kw(
            &c,
            &s.url,
            "res.partner",
            "search",
            serde_json::json!([[["name", "=", "<script>alert(1)</script>"]]]),
            serde_json::json!({}),
        )
        .await
        .result();
        let res = get(
            &c,
            &s,
            &format!("/web/image/res.partner/{}/avatar_128", xss[0]),
            &[],
        )
        .await;
        assert!(
            res.text().await.unwrap().contains(">&lt;</text>"),
            "the initial is escaped"
        );
    }
}

#[tokio::test]
async fn a_stored_photo_is_served_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        data_dir: Some(dir.path().to_path_buf()),
        ..mono(18)
    };
    let demo = DemoOdoo::open(cfg.clone()).unwrap();
    drop(demo);
    // A tiny PNG put where an Odoo photo would be.
    let png: Vec<u8> = [
        &[0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a][..],
        b"\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
    ]
    .concat();
    assert_eq!(store_photo(dir.path(), 14, &png), 1);
    let s = serve(DemoOdoo::open(cfg).unwrap(), true).await;
    let c = admin(&s).await;
    for field in ["avatar_128", "image_128"] {
        let res = get(&c, &s, &format!("/web/image/res.partner/14/{field}"), &[]).await;
        assert_eq!(header(&res, "content-type"), "image/png");
        assert_eq!(
            header(&res, "content-disposition"),
            "inline; filename=\"Azure Interior.png\""
        );
        assert_eq!(res.bytes().await.unwrap().as_ref(), png.as_slice());
    }
    let read = call_kw(
        &c,
        &s.url,
        "res.partner",
        "read",
        serde_json::json!([[14]]),
        serde_json::json!({"fields": ["image_128"]}),
    )
    .await
    .result();
    assert!(
        read[0]["image_128"]
            .as_str()
            .unwrap()
            .starts_with("iVBORw0KGgo"),
        "base64 of the PNG"
    );
    // Without a photo there is no image_128, only the placeholder.
    let res = get(&c, &s, "/web/image/res.partner/10/image_128", &[]).await;
    assert_eq!(
        header(&res, "content-disposition"),
        "inline; filename=placeholder.svg"
    );
}

/// Puts a photo into the data file, as an import would.
fn store_photo(dir: &std::path::Path, id: i64, png: &[u8]) -> usize {
    let conn = rusqlite::Connection::open(dir.join("demo.sqlite")).unwrap();
    conn.execute(
        "UPDATE partner SET image = ?1 WHERE id = ?2",
        rusqlite::params![png, id],
    )
    .unwrap()
}

#[tokio::test]
async fn without_a_session_or_the_right() {
    // Several databases, no session: the route does not exist.
    let multi = start(config(16)).await;
    let res = get(
        &bare_client(),
        &multi,
        "/web/image/res.partner/14/avatar_128",
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // One database: the public user gets the placeholder, and a cookie.
    let s = start(mono(18)).await;
    let res = get(
        &bare_client(),
        &s,
        "/web/image/res.partner/14/avatar_128",
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, "content-disposition"),
        "inline; filename=placeholder.svg"
    );
    assert!(header(&res, "set-cookie").starts_with("session_id="));
    // A portal user: its own picture, the placeholder for anyone else.
    let c = client();
    sign_in(&c, &s.url, "demo", "portal").await;
    let own = get(&c, &s, "/web/image/res.partner/8/avatar_128", &[]).await;
    assert_eq!(
        header(&own, "content-disposition"),
        "inline; filename=\"Joel Willis.svg\""
    );
    let other = get(&c, &s, "/web/image/res.partner/14/avatar_128", &[]).await;
    assert_eq!(
        header(&other, "content-disposition"),
        "inline; filename=placeholder.svg"
    );
    // A contact that does not exist: the placeholder, as Odoo sends it.
    let admin = admin(&s).await;
    let none = get(&admin, &s, "/web/image/res.partner/999999/avatar_128", &[]).await;
    assert_eq!(none.status(), StatusCode::OK);
    assert_eq!(
        header(&none, "content-disposition"),
        "inline; filename=placeholder.svg"
    );
    let not_an_image = get(&admin, &s, "/web/image/res.partner/14/name", &[]).await;
    assert_eq!(not_an_image.status(), StatusCode::NOT_FOUND);
}
