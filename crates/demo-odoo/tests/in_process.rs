//! The hooks other crates use: the in-process name search `cargo xtask
//! bench` times, and many clients at once over one router.

mod common;

use common::*;
use demo_odoo::{DemoOdoo, Error};
use serde_json::json;

#[test]
fn bench_name_search_runs_the_apps_search() {
    let demo = DemoOdoo::open(config(18)).unwrap();
    assert_eq!(demo.bench_name_search("demo_big", "a", 80).unwrap(), 80);
    let rare = demo
        .bench_name_search("demo_big", "azure interior", 80)
        .unwrap();
    assert_eq!(rare, 1);
    assert_eq!(
        demo.bench_name_search("demo", "zzzz-nothing", 80).unwrap(),
        0
    );
    assert!(matches!(
        demo.bench_name_search("nope", "a", 80),
        Err(Error::UnknownDb(_))
    ));
}

#[tokio::test]
async fn many_clients_at_once() {
    let s = start(mono(18)).await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let url = s.url.clone();
        tasks.push(tokio::spawn(async move {
            let c = client();
            let login = ["admin", "demo", "portal"][i % 3];
            sign_in(&c, &url, "demo", login).await;
            let mut seen = Vec::new();
            for _ in 0..5 {
                let a = call_kw(
                    &c,
                    &url,
                    "res.partner",
                    "search_count",
                    json!([[]]),
                    json!({}),
                )
                .await;
                seen.push(a.result().as_i64().unwrap());
            }
            (login, seen)
        }));
    }
    for t in tasks {
        let (login, seen) = t.await.unwrap();
        // Each client keeps its own session: the portal user's count is 1.
        assert!(seen.windows(2).all(|w| w[0] == w[1]));
        assert_eq!(seen[0] == 1, login == "portal", "{login}: {seen:?}");
    }
}
